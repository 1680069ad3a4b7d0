CREATE TABLE "probe" (
	"id" serial PRIMARY KEY NOT NULL,
	"note" text NOT NULL
);
