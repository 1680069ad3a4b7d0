import { type DbOrTx, uuidsOnly } from "@kai/db";
import { and, count, desc, eq, gte, inArray, sql, sum } from "drizzle-orm";
import { aiCalls } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;
export type NewAiCall = typeof aiCalls.$inferInsert;

export interface UsageTotals {
  calls: number;
  promptTokens: number;
  outputTokens: number;
  estimatedCost: number;
}

const totals = {
  calls: count(),
  promptTokens: sql<number>`coalesce(sum(${aiCalls.promptTokens}), 0)::int`,
  outputTokens: sql<number>`coalesce(sum(${aiCalls.outputTokens}), 0)::int`,
  estimatedCost: sql<number>`coalesce(sum(${aiCalls.estimatedCost}), 0)::float8`,
};

export async function insertAiCall(db: Db, call: NewAiCall): Promise<void> {
  await db.insert(aiCalls).values(call);
}

/** What the owner's calls since `since` are estimated to have cost, in USD. */
export async function costSince(db: Db, ownerId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ cost: sum(aiCalls.estimatedCost).mapWith(Number) })
    .from(aiCalls)
    .where(and(eq(aiCalls.ownerId, ownerId), gte(aiCalls.createdAt, since)));
  return row?.cost ?? 0;
}

/**
 * What the calls booked for one capture are estimated to have cost, in USD. The owner narrows
 * the lookup to their calls (the owner index), as no index leads with the capture.
 */
export async function costOfCapture(db: Db, ownerId: string, captureId: string): Promise<number> {
  const [row] = await db
    .select({ cost: sum(aiCalls.estimatedCost).mapWith(Number) })
    .from(aiCalls)
    .where(and(eq(aiCalls.ownerId, ownerId), eq(aiCalls.captureId, captureId)));
  return row?.cost ?? 0;
}

/** Totals per owner since `since` (all time when undefined); owners without calls have no row. */
export async function usageByOwnerIds(
  db: Db,
  ownerIds: readonly string[],
  since: Date | undefined,
): Promise<(UsageTotals & { ownerId: string })[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  return db
    .select({ ownerId: aiCalls.ownerId, ...totals })
    .from(aiCalls)
    .where(and(inArray(aiCalls.ownerId, keys), since ? gte(aiCalls.createdAt, since) : undefined))
    .groupBy(aiCalls.ownerId);
}

const utcDay = sql<string>`to_char(${aiCalls.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;

/** Totals per UTC day and model since `since`, newest day first, for analysts. */
export async function usagePerDayAndModel(
  db: Db,
  since: Date,
): Promise<(UsageTotals & { day: string; model: string; failedCalls: number })[]> {
  return db
    .select({
      day: utcDay,
      model: aiCalls.model,
      ...totals,
      failedCalls: sql<number>`(count(*) filter (where ${aiCalls.outcome} <> 'ok'))::int`,
    })
    .from(aiCalls)
    .where(gte(aiCalls.createdAt, since))
    .groupBy(utcDay, aiCalls.model)
    .orderBy(desc(utcDay), aiCalls.model);
}
