import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Events waiting to reach NATS. Written in the same transaction as the change they describe;
 * the relay publishes them and stamps `published_at`. Every subgraph's schema includes it.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey(),
    subject: text("subject").notNull(),
    /** The event envelope, with the writer's trace context beside it (see trace-headers.ts). */
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [index("outbox_pending_idx").on(t.createdAt).where(sql`${t.publishedAt} is null`)],
);

/** Event ids a consumer has applied, recorded in the effect's transaction: redeliveries change nothing. */
export const processedEvents = pgTable(
  "processed_events",
  {
    consumer: text("consumer").notNull(),
    eventId: uuid("event_id").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/**
 * Users this subgraph has erased after `users.user_deleted`. Every consumer skips a later event
 * of theirs (see erasure.ts), so one still in flight cannot bring their rows back. It holds
 * ids only, nothing personal. Every subgraph with consumers includes it.
 */
export const erasedUsers = pgTable("erased_users", {
  userId: uuid("user_id").primaryKey(),
  erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
});
