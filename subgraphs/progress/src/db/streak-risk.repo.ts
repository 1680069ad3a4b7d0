import type { DbOrTx } from "@kai/db";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { type UserProgressRow, userProgress } from "./schema.ts";
import type { ProgressSchema } from "./tables.ts";

export type StreakRiskCandidate = Pick<
  UserProgressRow,
  "userId" | "timezone" | "streak" | "lastActiveDate" | "atRiskAnnouncedDate"
>;

/**
 * Users whose streak may be at risk at `now`: past `hour` on their own clock, last active on
 * their local yesterday, not yet warned today. The domain rule (streakAtRisk) has the final
 * word; this narrows in SQL so a batch holds only users it will announce, and the scan's
 * batches make progress. Rows are locked, skipping any that an activity is updating right
 * now: that user is looked at again next scan, with their new last active date.
 */
export function lockStreakRiskCandidates(
  tx: DbOrTx<ProgressSchema>,
  now: Date,
  hour: number,
  limit: number,
): Promise<StreakRiskCandidate[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const local = sql`(${at} at time zone ${userProgress.timezone})`;
  return tx
    .select({
      userId: userProgress.userId,
      timezone: userProgress.timezone,
      streak: userProgress.streak,
      lastActiveDate: userProgress.lastActiveDate,
      atRiskAnnouncedDate: userProgress.atRiskAnnouncedDate,
    })
    .from(userProgress)
    .where(
      and(
        gt(userProgress.streak, 0),
        // Every zone's yesterday lies within two days of UTC's today: lets the partial index
        // on last_active_date answer before the per-row zone arithmetic.
        sql`${userProgress.lastActiveDate} between (${at} at time zone 'UTC')::date - 2 and (${at} at time zone 'UTC')::date`,
        sql`${userProgress.lastActiveDate} = ${local}::date - 1`,
        sql`extract(hour from ${local}) >= ${hour}`,
        sql`${userProgress.atRiskAnnouncedDate} is distinct from ${local}::date`,
      ),
    )
    .orderBy(asc(userProgress.userId))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** Records that the user was warned for their local `date`. */
export async function markAtRiskAnnounced(
  tx: DbOrTx<ProgressSchema>,
  userId: string,
  date: string,
): Promise<void> {
  await tx
    .update(userProgress)
    .set({ atRiskAnnouncedDate: date })
    .where(eq(userProgress.userId, userId));
}
