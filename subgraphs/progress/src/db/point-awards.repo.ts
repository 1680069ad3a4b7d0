import { type DbOrTx, runPrepared } from "@kai/db";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { PeriodWindow } from "../domain/periods.ts";
import { pointAwards } from "./schema.ts";
import type { ProgressSchema } from "./tables.ts";

type NewPointAward = typeof pointAwards.$inferInsert;

export interface PeriodScore {
  userId: string;
  points: number;
}

export async function insertPointAward(
  db: DbOrTx<ProgressSchema>,
  award: NewPointAward,
): Promise<void> {
  await runPrepared(db.insert(pointAwards).values(award));
}

/**
 * Points per user earned within the window, highest first; ties broken by user id
 * descending, as a Redis sorted set read in reverse orders them.
 */
export function periodScores(
  db: DbOrTx<ProgressSchema>,
  window: PeriodWindow,
  options: { userId?: string; limit?: number } = {},
): Promise<PeriodScore[]> {
  const total = sql<number>`sum(${pointAwards.points})::int`;
  const query = db
    .select({ userId: pointAwards.userId, points: total })
    .from(pointAwards)
    .where(
      and(
        ...windowFilter(window),
        options.userId ? eq(pointAwards.userId, options.userId) : undefined,
      ),
    )
    .groupBy(pointAwards.userId)
    .orderBy(desc(total), desc(pointAwards.userId));
  return options.limit === undefined ? query : query.limit(options.limit);
}

/**
 * One user's points within each window, in the windows' order (0 where they earned none),
 * in one statement: a score refresh after each review reads every board's window at once.
 */
export async function userScoresIn(
  db: DbOrTx<ProgressSchema>,
  userId: string,
  windows: readonly PeriodWindow[],
): Promise<number[]> {
  const columns = Object.fromEntries(
    windows.map((window, i) => [
      `w${i}`,
      sql<number>`coalesce(sum(${pointAwards.points}) filter (where ${and(...windowFilter(window)) ?? sql`true`}), 0)::int`,
    ]),
  );
  const [row] = await runPrepared(
    db.select(columns).from(pointAwards).where(eq(pointAwards.userId, userId)),
  );
  return windows.map((_, i) => Number(row?.[`w${i}`] ?? 0));
}

function windowFilter(window: PeriodWindow): SQL[] {
  return [
    ...(window.since ? [gte(pointAwards.awardedAt, window.since)] : []),
    ...(window.until ? [lt(pointAwards.awardedAt, window.until)] : []),
  ];
}
