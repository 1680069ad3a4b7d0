import { doublePrecision, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export { erasedUsers, outbox, processedEvents } from "@kai/events";

/**
 * Everyone who registered, from `users.user_created`: when, and nothing else about them (no
 * email, name or zone). A deleted account's row goes (see erase-user.repo.ts).
 */
export const registrations = pgTable(
  "registrations",
  {
    userId: uuid("user_id").primaryKey(),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("registrations_registered_at_idx").on(t.registeredAt)],
);

/** What a fact records; one per event type analytics counts (see domain/fact-kinds.ts). */
export type FactKind =
  | "capture_created"
  | "capture_processed"
  | "capture_failed"
  | "flashcard_reviewed"
  | "topic_completed";

/**
 * One row per counted event, keyed by the event's id: the event applied twice is still one
 * row. Every number the API answers is a query over these rows, so any day, range and time
 * zone can be asked after the fact.
 */
export const facts = pgTable(
  "facts",
  {
    eventId: uuid("event_id").primaryKey(),
    kind: text("kind").$type<FactKind>().notNull(),
    userId: uuid("user_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** The capture a capture fact is about; links a capture to the topic its cards went to. */
    captureId: uuid("capture_id"),
    /** The topic a processed capture made, a reviewed card belongs to, or that was completed. */
    topicId: uuid("topic_id"),
    /** Estimated USD of the model calls behind a processed (or failed) capture; 0 otherwise. */
    aiCost: doublePrecision("ai_cost").notNull().default(0),
  },
  (t) => [
    index("facts_kind_occurred_at_idx").on(t.kind, t.occurredAt),
    index("facts_user_id_idx").on(t.userId),
    index("facts_topic_id_idx").on(t.topicId),
  ],
);

export type FactRow = typeof facts.$inferInsert;
