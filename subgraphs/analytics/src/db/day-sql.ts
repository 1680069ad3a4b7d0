import { type AnyColumn, and, gte, lt, type SQL, sql } from "drizzle-orm";
import { addDays } from "../domain/days.ts";
import type { FactKind } from "./schema.ts";

/** What makes a user active on a day: things they did, not things done for them. */
export const ACTIVITY: FactKind[] = ["capture_created", "flashcard_reviewed", "topic_completed"];

/** The instant a calendar day starts in the zone (Postgres does the zone's rules, DST included). */
export const startOfDay = (day: string, timeZone: string): SQL =>
  sql`(${day}::date::timestamp at time zone ${timeZone})`;

/** The instant is on one of the days `from` to `to` in the zone; uses the column's index. */
export function onDays(
  column: AnyColumn,
  range: { from: string; to: string; timeZone: string },
): SQL | undefined {
  return and(
    gte(column, startOfDay(range.from, range.timeZone)),
    lt(column, startOfDay(addDays(range.to, 1), range.timeZone)),
  );
}

/** The instant is before the end of the day in the zone. */
export const byEndOf = (column: AnyColumn, day: string, timeZone: string): SQL =>
  lt(column, startOfDay(addDays(day, 1), timeZone));

/** The calendar day, YYYY-MM-DD, the instant falls on in the zone. */
export const dayOf = (column: AnyColumn, timeZone: string): SQL<string> =>
  sql<string>`to_char(${column} at time zone ${timeZone}, 'YYYY-MM-DD')`;

/** The Monday, YYYY-MM-DD, of the week the instant falls in, in the zone. */
export const weekOf = (column: AnyColumn, timeZone: string): SQL<string> =>
  sql<string>`to_char(date_trunc('week', ${column} at time zone ${timeZone}), 'YYYY-MM-DD')`;

export const countAll = () => sql<number>`count(*)::int`;
