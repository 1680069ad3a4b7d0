CREATE TABLE "deck_exports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deck_exports_expires_idx" ON "deck_exports" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "deck_exports_owner_idx" ON "deck_exports" USING btree ("owner_id");