import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export { erasedUsers, outbox, processedEvents } from "@kai/events";

/**
 * One row: this database's own id, made the first time the subgraph starts on it. Redis keys
 * carry it (see redisNamespace), so a database that is reset or replaced gets fresh keys and
 * never reads a board of users it does not have.
 */
export const databaseIdentity = pgTable(
  "database_identity",
  {
    // Always true, and the primary key: a second row cannot exist.
    singleton: boolean("singleton").primaryKey().default(true),
    id: uuid("id").notNull().defaultRandom(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("database_identity_singleton", sql`${t.singleton}`)],
);

/** One row per user, created from `users.user_created`; the running totals of their progress. */
export const userProgress = pgTable(
  "user_progress",
  {
    userId: uuid("user_id").primaryKey(),
    /** Copied from the users subgraph so share cards need no call to it. */
    displayName: text("display_name").notNull(),
    /** IANA zone the streak's days are counted in. */
    timezone: text("timezone").notNull(),
    points: integer("points").notNull().default(0),
    level: integer("level").notNull().default(1),
    streak: integer("streak").notNull().default(0),
    longestStreak: integer("longest_streak").notNull().default(0),
    lastActiveDate: date("last_active_date", { mode: "string" }),
    reviews: integer("reviews").notNull().default(0),
    topicsCompleted: integer("topics_completed").notNull().default(0),
    /** Points spent on streak freezes; the balance is `points - points_spent`. */
    pointsSpent: integer("points_spent").notNull().default(0),
    /** Streak freezes held, at most MAX_STREAK_FREEZES (domain/streak-freeze.ts). */
    streakFreezes: integer("streak_freezes").notNull().default(0),
    /** The last local day a freeze covered for the current streak (domain/streak.ts). */
    frozenThrough: date("frozen_through", { mode: "string" }),
    /**
     * The local date `progress.streak_at_risk` was last emitted for, in the same transaction
     * as the event: a restart or another replica never warns twice on one date.
     */
    atRiskAnnouncedDate: date("at_risk_announced_date", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The at-risk scan reads only live streaks whose last day is about yesterday.
  (t) => [index("user_progress_live_streak_idx").on(t.lastActiveDate).where(sql`${t.streak} > 0`)],
);

/** Per user and local calendar day: what they did and earned that day. */
export const dailyActivity = pgTable(
  "daily_activity",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => userProgress.userId, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    reviews: integer("reviews").notNull().default(0),
    topicsCompleted: integer("topics_completed").notNull().default(0),
    points: integer("points").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.date] })],
);

/**
 * The ledger of every point ever awarded, one row per scoring event. Leaderboards of any
 * period are sums over it, so Redis can always be rebuilt from here.
 */
export const pointAwards = pgTable(
  "point_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => userProgress.userId, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull().unique(),
    /** The event type whose POINT_RULES entry granted the points. */
    rule: text("rule").notNull(),
    points: integer("points").notNull(),
    /** When the activity happened (the event's occurredAt), so a late event counts in its own week. */
    awardedAt: timestamp("awarded_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("point_awards_awarded_at_idx").on(t.awardedAt),
    index("point_awards_user_idx").on(t.userId, t.awardedAt),
  ],
);

export const achievements = pgTable(
  "achievements",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => userProgress.userId, { onDelete: "cascade" }),
    key: text("key").notNull(),
    unlockedAt: timestamp("unlocked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type UserProgressRow = typeof userProgress.$inferSelect;
export type DailyActivityRow = typeof dailyActivity.$inferSelect;
export type AchievementRow = typeof achievements.$inferSelect;
