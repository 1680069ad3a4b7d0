CREATE TABLE "study_settings" (
	"owner_id" uuid PRIMARY KEY NOT NULL,
	"scheduler" text NOT NULL,
	"desired_retention" double precision NOT NULL,
	"daily_new_limit" integer NOT NULL,
	"daily_review_limit" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flashcards" ADD COLUMN "fsrs" jsonb;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "was_new" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "scheduler" text DEFAULT 'SM2' NOT NULL;