import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { CAPTURE_STATUSES, CAPTURE_TYPES, type CaptureMetadata } from "../domain/capture.ts";

export { erasedUsers, outbox, processedEvents } from "@kai/events";

export const captureType = pgEnum("capture_type", CAPTURE_TYPES);
export const captureStatus = pgEnum("capture_status", CAPTURE_STATUSES);

// Millisecond precision, as JavaScript dates have: a cursor made from a row's createdAt
// must compare equal to that row, or keyset pagination would skip or repeat it.
const instant = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const captures = pgTable(
  "captures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The users subgraph's user id; no foreign key, as users live in another database. */
    ownerId: uuid("owner_id").notNull(),
    type: captureType("type").notNull(),
    content: text("content").notNull(),
    source: text("source"),
    status: captureStatus("status").notNull().default("PENDING"),
    failureReason: text("failure_reason"),
    tags: text("tags").array().notNull().default([]),
    metadata: jsonb("metadata").$type<CaptureMetadata>().notNull().default({}),
    createdAt: instant("created_at"),
    updatedAt: instant("updated_at"),
  },
  (t) => [
    // Serves every page: one owner's captures, newest first, ties broken by id.
    index("captures_owner_page_idx").on(t.ownerId, t.createdAt.desc(), t.id.desc()),
    index("captures_tags_idx").using("gin", t.tags),
  ],
);

export type CaptureRow = typeof captures.$inferSelect;
