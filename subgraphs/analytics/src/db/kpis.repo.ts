import type { DbOrTx } from "@kai/db";
import { inArray, type SQL, sql } from "drizzle-orm";
import type { DayRange } from "../domain/analytics-input.ts";
import { ACTIVITY, countAll, dayOf, onDays } from "./day-sql.ts";
import { facts, registrations } from "./schema.ts";
import type { AnalyticsSchema } from "./tables.ts";

/** The key numbers of a range or of a day; `newUsers` comes from registrations. */
export interface Totals {
  activeUsers: number;
  newUsers: number;
  reviews: number;
  capturesProcessed: number;
  topicsCompleted: number;
  aiCost: number;
}

type FactTotals = Omit<Totals, "newUsers">;

const ofKind = (kind: string) => sql`${facts.kind} = ${kind}`;
const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

const factTotals = {
  activeUsers: sql<number>`(count(distinct ${facts.userId}) filter (where ${inArray(facts.kind, ACTIVITY)}))::int`,
  reviews: countWhere(ofKind("flashcard_reviewed")),
  capturesProcessed: countWhere(ofKind("capture_processed")),
  topicsCompleted: countWhere(ofKind("topic_completed")),
  aiCost: sql<number>`coalesce(sum(${facts.aiCost}), 0)::float8`,
};

const NO_FACTS: FactTotals = {
  activeUsers: 0,
  reviews: 0,
  capturesProcessed: 0,
  topicsCompleted: 0,
  aiCost: 0,
};

/** The range's numbers as a whole (a user active on three days is one active user). */
export async function rangeTotals(db: DbOrTx<AnalyticsSchema>, range: DayRange): Promise<Totals> {
  const [counted, registered] = await Promise.all([
    db.select(factTotals).from(facts).where(onDays(facts.occurredAt, range)),
    db
      .select({ newUsers: countAll() })
      .from(registrations)
      .where(onDays(registrations.registeredAt, range)),
  ]);
  return { ...NO_FACTS, ...counted[0], newUsers: registered[0]?.newUsers ?? 0 };
}

/** Each day's numbers, keyed by day; days without a row had nothing happen. */
export async function totalsByDay(
  db: DbOrTx<AnalyticsSchema>,
  range: DayRange,
): Promise<Map<string, Totals>> {
  const [counted, registered] = await Promise.all([
    db
      .select({ day: dayOf(facts.occurredAt, range.timeZone), ...factTotals })
      .from(facts)
      .where(onDays(facts.occurredAt, range))
      // By position: the zone is a parameter, and the same expression written twice would
      // carry two parameters Postgres cannot tell are equal.
      .groupBy(sql`1`),
    db
      .select({ day: dayOf(registrations.registeredAt, range.timeZone), newUsers: countAll() })
      .from(registrations)
      .where(onDays(registrations.registeredAt, range))
      .groupBy(sql`1`),
  ]);
  const days = new Map<string, Totals>();
  for (const { day, ...totals } of counted) days.set(day, { ...totals, newUsers: 0 });
  for (const { day, newUsers } of registered) {
    days.set(day, { ...(days.get(day) ?? NO_FACTS), newUsers });
  }
  return days;
}
