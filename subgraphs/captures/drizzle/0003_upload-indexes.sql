CREATE INDEX "uploads_owner_idx" ON "uploads" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "uploads_sweep_idx" ON "uploads" USING btree ("status","expires_at");