import { z } from "zod";

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

/**
 * Every event Kai publishes: its type (`<owning subgraph>.<event>`), schema version and
 * payload schema. Producers validate before writing to the outbox; consumers re-parse what
 * they receive, because a message on the wire is untrusted input.
 */
export const catalogue = {
  "users.user_created": {
    version: 1,
    data: z.object({
      email: z.string(),
      name: z.string(),
      timezone: z.string(),
      role: z.enum(["USER", "ANALYST", "ADMIN"]),
    }),
  },
  "users.user_updated": {
    version: 1,
    /** The user's name and time zone after the change (both, changed or not). */
    data: z.object({ name: z.string(), timezone: z.string() }),
  },
  "users.user_deleted": {
    version: 1,
    /**
     * The account is gone: every subgraph erases the user's rows (ARCHITECTURE §8). The
     * envelope's userId names them; there is nothing else to say, and no personal data
     * should outlive the account in the stream.
     */
    data: z.object({}),
  },
  "captures.capture_created": {
    version: 1,
    data: z.object({
      captureId: id,
      type: z.enum(["TEXT", "URL", "SCREENSHOT", "VIDEO"]),
      content: z.string(),
      source: z.string().nullable(),
      tags: z.array(z.string()),
      /** The upload whose bytes (a screenshot) the capture holds; absent for typed captures. */
      uploadId: id.optional(),
    }),
  },
  "captures.capture_processed": {
    version: 1,
    /**
     * The capture as it stands once learning's verdict is recorded: the `captureProcessed`
     * subscription's payload, so it carries every stored field of `Capture`.
     */
    data: z.object({
      id,
      ownerId: id,
      type: z.enum(["TEXT", "URL", "SCREENSHOT", "VIDEO"]),
      content: z.string(),
      source: z.string().nullable(),
      status: z.enum(["PENDING", "PROCESSED", "FAILED"]),
      failureReason: z.string().nullable(),
      title: z.string().nullable(),
      extractedText: z.string().nullable(),
      uploadId: id.nullable(),
      tags: z.array(z.string()),
      metadata: z.record(z.string(), z.unknown()),
      createdAt: instant,
      updatedAt: instant,
    }),
  },
  "captures.capture_deleted": {
    version: 1,
    /** The owner deleted the capture; its topic and flashcards stay in learning. */
    data: z.object({ captureId: id }),
  },
  "learning.capture_processed": {
    version: 1,
    data: z.object({
      captureId: id,
      status: z.enum(["PROCESSED", "FAILED"]),
      topicId: id.nullable(),
      flashcardCount: z.number().int().nonnegative(),
      reason: z.string().nullable(),
      /** What made the cards; absent in events from before generators were told apart. */
      generator: z.enum(["gemini", "offline"]).optional(),
      /** Something the owner should know about how the capture was handled, e.g. a spent AI budget. */
      note: z.string().nullable().optional(),
      /** The title of a fetched page; absent when there was none or nothing was fetched. */
      title: z.string().nullable().optional(),
      /**
       * The text the cards were made from when it is not the capture's own: a page's
       * readable text, a screenshot's OCR. Absent for typed text.
       */
      extractedText: z.string().nullable().optional(),
      /**
       * Estimated USD of the model calls learning booked for this capture (its AI ledger), for
       * analytics; 0 for offline cards, absent in events from before it was reported.
       */
      aiCost: z.number().nonnegative().optional(),
    }),
  },
  "learning.flashcard_reviewed": {
    version: 1,
    data: z.object({
      flashcardId: id,
      topicId: id,
      quality: z.number().int().min(0).max(5),
      repetitions: z.number().int(),
      interval: z.number().int(),
      easeFactor: z.number(),
      nextReview: instant,
      /**
       * Whether the review earns points: the card was due (or new) when it was answered.
       * Learning decides, as it owns the schedule; absent in events from before the rule,
       * which all scored.
       */
      scored: z.boolean().optional(),
    }),
  },
  "learning.flashcard_deleted": {
    version: 1,
    /** A card the owner deleted on its own (a deleted topic's cards go with `topic_deleted`). */
    data: z.object({ flashcardId: id, topicId: id }),
  },
  "learning.topic_deleted": {
    version: 1,
    /**
     * A topic the owner deleted, with everything that went with it: its sub-topics (at any
     * depth) and all their cards. `topicIds` starts with the deleted topic itself.
     */
    data: z.object({
      topicIds: z.array(id).min(1),
      flashcardCount: z.number().int().nonnegative(),
      /** Of `topicIds`, those that had been completed. */
      completedTopicIds: z.array(id),
    }),
  },
  "learning.topic_completed": {
    version: 1,
    data: z.object({ topicId: id }),
  },
  "learning.flashcards_due": {
    version: 1,
    data: z.object({ dueCount: z.number().int().nonnegative(), flashcardIds: z.array(id) }),
  },
  "learning.deck_import_requested": {
    version: 1,
    /** importDeck accepted an upload; learning's own consumer reads and imports it. */
    data: z.object({ jobId: id, uploadId: id, format: z.enum(["APKG", "CSV"]) }),
  },
  "learning.import_job_updated": {
    version: 1,
    /** A deck import as it stands after a batch: the `importJobUpdated` subscription's payload. */
    data: z.object({
      id,
      format: z.enum(["APKG", "CSV"]),
      status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]),
      total: z.number().int().nonnegative(),
      done: z.number().int().nonnegative(),
      errorCount: z.number().int().nonnegative(),
      errors: z.array(z.object({ row: z.number().int().nonnegative(), message: z.string() })),
      failureReason: z.string().nullable(),
      topicId: id.nullable(),
      createdAt: instant,
      updatedAt: instant,
    }),
  },
  "progress.streak_updated": {
    version: 1,
    data: z.object({
      streak: z.number().int(),
      longestStreak: z.number().int(),
      points: z.number().int(),
      level: z.number().int(),
      at: instant,
    }),
  },
  "progress.level_up": {
    version: 1,
    data: z.object({ level: z.number().int(), points: z.number().int() }),
  },
  "progress.achievement_unlocked": {
    version: 1,
    data: z.object({ key: z.string(), title: z.string() }),
  },
  "progress.streak_at_risk": {
    version: 1,
    /**
     * Emitted in the user's evening (STREAK_AT_RISK_HOUR, local) when they have a streak but
     * nothing yet today: the streak ends at local midnight. At most once per user and local
     * date, so a consumer may turn each into one reminder without deduplicating.
     */
    data: z.object({
      /** The streak that ends unless the user is active before midnight. */
      streak: z.number().int().positive(),
      /** The user's local date at risk, YYYY-MM-DD. */
      date: z.iso.date(),
      /** The IANA zone that date is counted in. */
      timezone: z.string(),
    }),
  },
  "notifications.notification_created": {
    version: 1,
    /**
     * A notification as the inbox stored it: the `notificationReceived` subscription's payload
     * is this data, so it carries every field of `Notification`.
     */
    data: z.object({
      id,
      kind: z.enum([
        "DUE_CARDS",
        "STREAK_AT_RISK",
        "LEVEL_UP",
        "ACHIEVEMENT_UNLOCKED",
        "CAPTURE_PROCESSED",
      ]),
      title: z.string(),
      body: z.string(),
      data: z.record(z.string(), z.unknown()),
      createdAt: instant,
      readAt: instant.nullable(),
    }),
  },
} as const;

export type EventType = keyof typeof catalogue;
export type EventData<T extends EventType> = z.infer<(typeof catalogue)[T]["data"]>;

/** What travels on the wire (ARCHITECTURE.md §5). */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  userId: string;
  data: EventData<T>;
}

const envelopeBase = z.object({
  id,
  version: z.number().int().positive(),
  occurredAt: instant,
  userId: id,
});

// Each type's envelope schema, made on first use: making one costs far more than a parse
// (zod compiles an object's parser per schema), and every consumed, replayed and streamed event
// is parsed.
const envelopes = new Map<EventType, z.ZodType>();

function envelopeOf(type: EventType): z.ZodType {
  let schema = envelopes.get(type);
  if (!schema) {
    schema = envelopeBase.extend({ type: z.literal(type), data: catalogue[type].data });
    envelopes.set(type, schema);
  }
  return schema;
}

/** Parses an untrusted message as an event of the given type; throws a ZodError when it is not. */
export function parseEvent<T extends EventType>(type: T, raw: unknown): EventEnvelope<T> {
  return envelopeOf(type).parse(raw) as EventEnvelope<T>;
}

/** Whether a name read from outside the code (an SDL `@event(type:)`) is a declared event type. */
export function isEventType(name: string): name is EventType {
  return Object.hasOwn(catalogue, name);
}

/** Every event of one user goes to `<type>.<userId>`, so a listener can follow a single user. */
export function subjectOf(type: EventType, userId: string): string {
  return `${type}.${userId}`;
}
