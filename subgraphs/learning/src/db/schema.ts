import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import type { DeckFormat, ImportRowError, ImportStatus } from "../deck-transfer/import-job.ts";
import type { FsrsMemory } from "../domain/fsrs.ts";
import type { SchedulerName } from "../domain/study-settings.ts";
import type { SyllabusSection } from "../domain/syllabus.ts";

export { erasedUsers, outbox, processedEvents } from "@kai/events";

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A subject someone studies. Topics nest (`parent_id`); one made from a capture remembers it,
 * and the unique `capture_id` keeps a capture delivered twice from making two topics.
 */
export const topics = pgTable(
  "topics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => topics.id, { onDelete: "cascade" }),
    captureId: uuid("capture_id"),
    name: text("name").notNull(),
    completedAt: instant("completed_at"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("topics_owner_created_idx").on(t.ownerId, t.createdAt),
    index("topics_parent_idx").on(t.parentId),
    uniqueIndex("topics_capture_idx").on(t.captureId),
  ],
);

/** A question/answer card with its SM-2 schedule; `owner_id` repeats the topic's for cheap filtering. */
export const flashcards = pgTable(
  "flashcards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull(),
    topicId: uuid("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    front: text("front").notNull(),
    back: text("back").notNull(),
    repetitions: integer("repetitions").notNull(),
    /** Days between the last review and the next. */
    interval: integer("interval").notNull(),
    easeFactor: doublePrecision("ease_factor").notNull(),
    nextReview: instant("next_review").notNull(),
    lastReviewedAt: instant("last_reviewed_at"),
    /**
     * The card's FSRS memory state (a ts-fsrs Card, dates as ISO strings), kept up to date on
     * every review whichever scheduler is chosen, so switching scheduler keeps the history.
     * Null until the card's first review since FSRS came; it is then rebuilt from the log.
     */
    fsrs: jsonb("fsrs").$type<FsrsMemory>(),
    /** When the due-card scheduler last announced this card; it announces each due date once. */
    dueNotifiedAt: instant("due_notified_at"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("flashcards_topic_idx").on(t.topicId, t.createdAt),
    index("flashcards_owner_due_idx").on(t.ownerId, t.nextReview),
    // Serves searchFlashcards: the very expression flashcards-search.repo.ts matches on.
    index("flashcards_search_idx").using(
      "gin",
      sql`to_tsvector('english', ${t.front} || ' ' || ${t.back})`,
    ),
  ],
);

/** The review log: every answer given and the schedule it produced. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    flashcardId: uuid("flashcard_id")
      .notNull()
      .references(() => flashcards.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").notNull(),
    quality: smallint("quality").notNull(),
    reviewedAt: instant("reviewed_at").notNull(),
    interval: integer("interval").notNull(),
    easeFactor: doublePrecision("ease_factor").notNull(),
    repetitions: integer("repetitions").notNull(),
    /** Whether this was the card's first review: daily new-card limits count these. */
    wasNew: boolean("was_new").notNull().default(false),
    /** The scheduler that set the next review: "SM2" or "FSRS". */
    scheduler: text("scheduler").$type<SchedulerName>().notNull().default("SM2"),
  },
  (t) => [
    index("reviews_flashcard_idx").on(t.flashcardId, t.reviewedAt),
    index("reviews_owner_reviewed_idx").on(t.ownerId, t.reviewedAt),
  ],
);

/** A learner's study settings; a user without a row has DEFAULT_STUDY_SETTINGS. */
export const studySettings = pgTable("study_settings", {
  ownerId: uuid("owner_id").primaryKey(),
  scheduler: text("scheduler").$type<SchedulerName>().notNull(),
  desiredRetention: doublePrecision("desired_retention").notNull(),
  dailyNewLimit: integer("daily_new_limit").notNull(),
  dailyReviewLimit: integer("daily_review_limit").notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

/**
 * A topic's outline, one row per version: regenerating adds version n + 1 and keeps the old
 * ones, so a learner's earlier plan is never lost. The latest version is the topic's syllabus.
 */
export const syllabi = pgTable(
  "syllabi",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: uuid("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").notNull(),
    version: integer("version").notNull(),
    sections: jsonb("sections").$type<SyllabusSection[]>().notNull(),
    /** "gemini" or "offline". */
    generator: text("generator").$type<"gemini" | "offline">().notNull(),
    /** The model that wrote it; null for the offline generator. */
    model: text("model"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("syllabi_topic_version_idx").on(t.topicId, t.version)],
);

/**
 * The AI ledger: one row per model call, made or failed, with what it cost. A call belongs
 * to the capture or the topic it was made for.
 */
export const aiCalls = pgTable(
  "ai_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull(),
    captureId: uuid("capture_id"),
    topicId: uuid("topic_id"),
    /** What the call was for: "cards" or "syllabus". */
    purpose: text("purpose").notNull(),
    model: text("model").notNull(),
    promptTokens: integer("prompt_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    /** ok, invalid_output, rate_limited, server_error, client_error, timeout, network_error. */
    outcome: text("outcome").notNull(),
    /** USD, from the price table in force when the call was made. */
    estimatedCost: doublePrecision("estimated_cost").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("ai_calls_owner_created_idx").on(t.ownerId, t.createdAt),
    index("ai_calls_created_idx").on(t.createdAt),
  ],
);

/**
 * A deck import (importDeck). One per owner and upload, so asking again returns the same job
 * instead of importing twice; `done` advances with each committed batch of cards, so a
 * redelivered job resumes where it stopped.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull(),
    uploadId: uuid("upload_id").notNull(),
    format: text("format").$type<DeckFormat>().notNull(),
    status: text("status").$type<ImportStatus>().notNull().default("QUEUED"),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    /** The first rows that could not be imported (bounded); `error_count` counts them all. */
    errors: jsonb("errors").$type<ImportRowError[]>().notNull().default([]),
    errorCount: integer("error_count").notNull().default(0),
    failureReason: text("failure_reason"),
    /** The topic the deck was imported into, once made. */
    topicId: uuid("topic_id").references(() => topics.id, { onDelete: "set null" }),
    createdAt: instant("created_at").notNull().defaultNow(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_jobs_owner_upload_idx").on(t.ownerId, t.uploadId)],
);

/**
 * An exported deck file waiting in the blob store for its download URL; the export sweeper
 * removes the file and the row once the URL has expired.
 */
export const deckExports = pgTable(
  "deck_exports",
  {
    id: uuid("id").primaryKey(),
    ownerId: uuid("owner_id").notNull(),
    expiresAt: instant("expires_at").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("deck_exports_expires_idx").on(t.expiresAt),
    index("deck_exports_owner_idx").on(t.ownerId),
  ],
);

export type TopicRow = typeof topics.$inferSelect;
export type SyllabusRow = typeof syllabi.$inferSelect;
export type AiCallRow = typeof aiCalls.$inferSelect;
export type FlashcardRow = typeof flashcards.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type StudySettingsRow = typeof studySettings.$inferSelect;
export type ImportJobRow = typeof importJobs.$inferSelect;
