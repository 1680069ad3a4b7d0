import type { Tx } from "@kai/db";
import { type EventEnvelope, enqueueEvent } from "@kai/events";
import { findAchievementsByUserIds, insertAchievements } from "../db/achievements.repo.ts";
import { addDailyActivity } from "../db/daily-activity.repo.ts";
import { insertPointAward } from "../db/point-awards.repo.ts";
import { lockProgress, updateProgress } from "../db/progress.repo.ts";
import type { UserProgressRow } from "../db/schema.ts";
import type { ProgressSchema } from "../db/tables.ts";
import { newlyUnlocked, type ProgressSnapshot } from "../domain/achievements.ts";
import { levelFor } from "../domain/levels.ts";
import { localDate } from "../domain/local-date.ts";
import { pointsFor } from "../domain/points.ts";
import { applyActivity } from "../domain/streak.ts";

/** What each kind of learning activity adds to the user's counters. */
const TALLIES = {
  "learning.flashcard_reviewed": { reviews: 1, topicsCompleted: 0 },
  "learning.topic_completed": { reviews: 0, topicsCompleted: 1 },
} as const;

export type ActivityEventType = keyof typeof TALLIES;

/**
 * Applies one learning activity inside the consumer's transaction: points (POINT_RULES) into
 * the ledger and the totals, the streak in the user's time zone, the day's tally, the level,
 * achievements, and the outbox events that announce what changed.
 */
export async function recordActivity(
  tx: Tx<ProgressSchema>,
  event: EventEnvelope<ActivityEventType>,
): Promise<void> {
  const before = await lockProgress(tx, event.userId);
  // Thrown rather than skipped: users.user_created may just not be applied yet, and a
  // failed handler is retried by the runtime.
  if (!before) throw new Error(`No progress for user ${event.userId} yet; retrying later`);
  const at = new Date(event.occurredAt);
  const earned = pointsFor(event.type, "scored" in event.data ? event.data : {});
  const tally = TALLIES[event.type];
  const after = nextSnapshot(before, at, earned, tally);

  // The writes depend only on the locked row, not on each other: sent together, postgres.js
  // pipelines them on the transaction's connection, so the consumer waits for one round trip
  // instead of one per statement (each a wait of its own on a busy machine).
  await Promise.all([
    updateProgress(tx, event.userId, after),
    insertPointAward(tx, {
      userId: event.userId,
      eventId: event.id,
      rule: event.type,
      points: earned,
      awardedAt: at,
    }),
    addDailyActivity(tx, {
      userId: event.userId,
      date: localDate(at, before.timezone),
      ...tally,
      points: earned,
    }),
    announceChanges(tx, event.userId, before, after, event.occurredAt),
    unlockAchievements(tx, event.userId, after, at),
  ]);
}

function nextSnapshot(
  before: UserProgressRow,
  at: Date,
  earned: number,
  tally: { reviews: number; topicsCompleted: number },
): ProgressSnapshot & { lastActiveDate: string | null } {
  const { state } = applyActivity(before, at, before.timezone);
  const points = before.points + earned;
  return {
    ...state,
    points,
    level: levelFor(points),
    reviews: before.reviews + tally.reviews,
    topicsCompleted: before.topicsCompleted + tally.topicsCompleted,
  };
}

async function announceChanges(
  tx: Tx<ProgressSchema>,
  userId: string,
  before: ProgressSnapshot,
  after: ProgressSnapshot,
  at: string,
): Promise<void> {
  const changed =
    before.streak !== after.streak ||
    before.points !== after.points ||
    before.level !== after.level;
  if (changed) {
    const { streak, longestStreak, points, level } = after;
    await enqueueEvent(tx, "progress.streak_updated", userId, {
      streak,
      longestStreak,
      points,
      level,
      at,
    });
  }
  if (after.level > before.level) {
    await enqueueEvent(tx, "progress.level_up", userId, {
      level: after.level,
      points: after.points,
    });
  }
}

async function unlockAchievements(
  tx: Tx<ProgressSchema>,
  userId: string,
  after: ProgressSnapshot,
  at: Date,
): Promise<void> {
  const already = await findAchievementsByUserIds(tx, [userId]);
  const unlocked = newlyUnlocked(after, new Set(already.map((row) => row.key)));
  await insertAchievements(
    tx,
    unlocked.map(({ key }) => ({ userId, key, unlockedAt: at })),
  );
  for (const { key, title } of unlocked) {
    await enqueueEvent(tx, "progress.achievement_unlocked", userId, { key, title });
  }
}
