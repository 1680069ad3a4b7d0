import { type DbOrTx, runPrepared } from "@kai/db";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type DailyActivityRow, dailyActivity, userProgress } from "./schema.ts";
import type { ProgressSchema } from "./tables.ts";

/** Adds to the user's tally for one local day, creating the day on its first activity. */
export async function addDailyActivity(
  db: DbOrTx<ProgressSchema>,
  day: DailyActivityRow,
): Promise<void> {
  await runPrepared(
    db
      .insert(dailyActivity)
      .values(day)
      .onConflictDoUpdate({
        target: [dailyActivity.userId, dailyActivity.date],
        set: {
          reviews: sql`${dailyActivity.reviews} + ${day.reviews}`,
          topicsCompleted: sql`${dailyActivity.topicsCompleted} + ${day.topicsCompleted}`,
          points: sql`${dailyActivity.points} + ${day.points}`,
        },
      }),
  );
}

/**
 * The active days among each user's last `days` calendar days, newest first. "Today" is
 * each user's own, so the cut-off is computed per row in their time zone.
 */
export function findRecentDailyActivity(
  db: DbOrTx<ProgressSchema>,
  userIds: readonly string[],
  days: number,
): Promise<DailyActivityRow[]> {
  return db
    .select({
      userId: dailyActivity.userId,
      date: dailyActivity.date,
      reviews: dailyActivity.reviews,
      topicsCompleted: dailyActivity.topicsCompleted,
      points: dailyActivity.points,
    })
    .from(dailyActivity)
    .innerJoin(userProgress, eq(userProgress.userId, dailyActivity.userId))
    .where(
      and(
        inArray(dailyActivity.userId, [...userIds]),
        sql`${dailyActivity.date} > (now() at time zone ${userProgress.timezone})::date - ${days}::int`,
      ),
    )
    .orderBy(dailyActivity.userId, desc(dailyActivity.date));
}
