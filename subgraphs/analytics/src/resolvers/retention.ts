import type { Db } from "@kai/db";
import { cohortsSince } from "../db/retention.repo.ts";
import type { AnalyticsSchema } from "../db/tables.ts";
import type { RetentionQuery } from "../domain/analytics-input.ts";
import { addDays, localDay, weekStart, weeksBetween } from "../domain/days.ts";

/**
 * The last `cohortWeeks` weekly cohorts up to the week `now` falls in, newest first, each with
 * every week from its own to the current one (weeks nobody was active in count zero).
 */
export async function retentionCohorts(
  db: Db<AnalyticsSchema>,
  { cohortWeeks, timeZone }: RetentionQuery,
  now: Date,
) {
  const currentWeek = weekStart(localDay(now, timeZone));
  const firstWeek = addDays(currentWeek, -7 * (cohortWeeks - 1));
  const { sizes, activity } = await cohortsSince(db, firstWeek, timeZone);
  const active = new Map(activity.map((row) => [`${row.cohort}/${row.week}`, row.activeUsers]));
  return Array.from({ length: cohortWeeks }, (_, index) => {
    const cohort = addDays(currentWeek, -7 * index);
    const users = sizes.get(cohort) ?? 0;
    const weeks = Array.from({ length: weeksBetween(cohort, currentWeek) + 1 }, (_, week) => {
      const activeUsers = active.get(`${cohort}/${addDays(cohort, 7 * week)}`) ?? 0;
      return { week, activeUsers, rate: users === 0 ? 0 : activeUsers / users };
    });
    return { weekStart: cohort, users, weeks };
  });
}
