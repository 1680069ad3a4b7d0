import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

export { erasedUsers, outbox, processedEvents } from "@kai/events";
/** Mail the EMAIL channel wrote, sent by the mail relay in this process (see delivery/email-channel.ts). */
export { mailOutbox } from "@kai/mail";

/**
 * What notifications knows of each user, from `users.user_created` / `users.user_updated`:
 * where to mail them and the zone their quiet hours and reminder time are read in.
 */
export const recipients = pgTable("recipients", {
  userId: uuid("user_id").primaryKey(),
  email: text("email").notNull(),
  /** IANA zone from the users subgraph; UTC when the event carried one this runtime lacks. */
  timezone: text("timezone").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A user's settings beyond the per-channel switches; no row means the defaults. */
export const preferences = pgTable("preferences", {
  userId: uuid("user_id").primaryKey(),
  /** The user's own choice of zone for notifications; null follows the users subgraph's. */
  timezone: text("timezone"),
  /** Local "HH:MM"; both null or both set. Quiet hours may span midnight (22:00–07:00). */
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  /** Local "HH:MM" at which due-card reminders go out. */
  reminderTime: text("reminder_time").notNull().default("09:00"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One switch per (user, kind, channel) the user changed; the rest take the defaults. */
export const channelSettings = pgTable(
  "channel_settings",
  {
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    enabled: boolean("enabled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] })],
);

/**
 * The inbox. `cause` names what the notification is about (a capture, a level, a reminder
 * window), and (user, cause) is unique: a redelivered or repeated event finds its
 * notification already there and adds nothing.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    cause: text("cause").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** False when the user turned IN_APP off for the kind: kept for its deliveries only. */
    inApp: boolean("in_app").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    unique("notifications_user_cause_unique").on(t.userId, t.cause),
    index("notifications_inbox_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null and ${t.inApp}`),
  ],
);

/**
 * One row per notification and outside channel (EMAIL, PUSH) it goes out on. The dispatcher
 * sends the PENDING ones whose time has come, so a slow push service never holds a consumer.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    channel: text("channel").notNull(),
    /** PENDING until SENT, FAILED (attempts spent) or SKIPPED (nothing can carry it). */
    status: text("status").notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    /** Not before this instant: the end of quiet hours, a retry's backoff, a sender's lease. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    unique("deliveries_notification_channel_unique").on(t.notificationId, t.channel),
    index("deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
    index("deliveries_user_idx").on(t.userId),
  ],
);

/** Web Push subscriptions (a browser's endpoint and keys); an endpoint belongs to one user. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    endpoint: text("endpoint").primaryKey(),
    userId: uuid("user_id").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("push_subscriptions_user_idx").on(t.userId)],
);

/** Mobile devices (FCM registration tokens); a token belongs to one user. */
export const devices = pgTable(
  "devices",
  {
    platform: text("platform").notNull(),
    token: text("token").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.token] }), index("devices_user_idx").on(t.userId)],
);

/**
 * The latest `learning.flashcards_due` per user, and which of those cards a reminder already
 * named: the reminder scheduler turns it into at most one DUE_CARDS per reminder window.
 */
export const dueCards = pgTable("due_cards", {
  userId: uuid("user_id").primaryKey(),
  dueCount: integer("due_count").notNull(),
  /** The soonest due cards the latest event listed. */
  cardIds: uuid("card_ids").array().notNull(),
  /** Cards an earlier reminder named; never named again while they stay due. */
  remindedCardIds: uuid("reminded_card_ids").array().notNull().default(sql`'{}'::uuid[]`),
  /** The latest event's occurredAt: an older event arriving late changes nothing. */
  observedAt: timestamp("observed_at", { withTimezone: true }).notNull(),
});

/**
 * The development VAPID key pair, made on first start when none is configured and kept here
 * so every replica signs with the same key. Production configures VAPID_* instead.
 */
export const vapidKeys = pgTable(
  "vapid_keys",
  {
    singleton: boolean("singleton").primaryKey().default(true),
    publicKey: text("public_key").notNull(),
    privateKey: text("private_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("vapid_keys_singleton", sql`${t.singleton}`)],
);

export type RecipientRow = typeof recipients.$inferSelect;
export type PreferencesRow = typeof preferences.$inferSelect;
export type ChannelSettingRow = typeof channelSettings.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type DueCardsRow = typeof dueCards.$inferSelect;
