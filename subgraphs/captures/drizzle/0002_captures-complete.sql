CREATE TYPE "public"."upload_status" AS ENUM('PENDING', 'RECEIVING', 'UPLOADED', 'ATTACHED');--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"declared_size" integer NOT NULL,
	"size" integer,
	"status" "upload_status" DEFAULT 'PENDING' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "captures" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "captures" ADD COLUMN "extracted_text" text;--> statement-breakpoint
ALTER TABLE "captures" ADD COLUMN "upload_id" uuid;--> statement-breakpoint
ALTER TABLE "captures" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', content), 'B') || setweight(to_tsvector('english', coalesce(extracted_text, '')), 'C') || setweight(to_tsvector('english', coalesce(source, '')), 'D')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "captures" ADD CONSTRAINT "captures_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "captures_search_idx" ON "captures" USING gin ("search");