import type { DbOrTx } from "@kai/db";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { ACTIVITY, countAll, startOfDay, weekOf } from "./day-sql.ts";
import { facts, registrations } from "./schema.ts";
import type { AnalyticsSchema } from "./tables.ts";

export interface CohortActivity {
  /** Monday of the registration week. */
  cohort: string;
  /** Monday of the week the activity was in. */
  week: string;
  activeUsers: number;
}

/**
 * The users who registered from the week starting `firstWeek` on, per registration week, and
 * how many of each week's cohort were active in each week since (weeks in the zone).
 */
export async function cohortsSince(
  db: DbOrTx<AnalyticsSchema>,
  firstWeek: string,
  timeZone: string,
): Promise<{ sizes: Map<string, number>; activity: CohortActivity[] }> {
  const since = startOfDay(firstWeek, timeZone);
  const cohort = weekOf(registrations.registeredAt, timeZone);
  const [sizes, activity] = await Promise.all([
    db
      .select({ cohort, users: countAll() })
      .from(registrations)
      .where(gte(registrations.registeredAt, since))
      .groupBy(sql`1`),
    db
      .select({
        cohort,
        week: weekOf(facts.occurredAt, timeZone),
        activeUsers: sql<number>`count(distinct ${facts.userId})::int`,
      })
      .from(registrations)
      .innerJoin(
        facts,
        and(
          eq(facts.userId, registrations.userId),
          inArray(facts.kind, ACTIVITY),
          gte(facts.occurredAt, since),
        ),
      )
      .where(gte(registrations.registeredAt, since))
      .groupBy(sql`1`, sql`2`),
  ]);
  return { sizes: new Map(sizes.map((row) => [row.cohort, row.users])), activity };
}
