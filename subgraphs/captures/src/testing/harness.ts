import { startTestSubgraph, type TestSubgraph } from "@kai/runtime/testing";
import { count } from "drizzle-orm";
import { capturesSubgraph } from "../app.ts";
import { captures, outbox } from "../db/schema.ts";
import type { CapturesSchema } from "../db/tables.ts";
import { type CapturesEnv, loadCapturesEnv } from "../env.ts";

export interface CapturesHarness extends TestSubgraph<CapturesSchema, CapturesEnv> {
  /** Every SQL statement the subgraph ran so far, in order. */
  statements: string[];
  /** Rows in the captures and outbox tables, to prove a failed mutation wrote nothing. */
  rowCounts(): Promise<{ captures: number; outbox: number }>;
}

/** The captures subgraph alone (see startTestSubgraph), counting its SQL statements. */
export async function startCapturesHarness(): Promise<CapturesHarness> {
  const statements: string[] = [];
  const harness = await startTestSubgraph(capturesSubgraph, {
    loadEnv: loadCapturesEnv,
    onQuery: (query) => statements.push(query),
  });
  const { db } = harness.subgraph.deps;
  return {
    ...harness,
    statements,
    async rowCounts() {
      const [[capturesRow], [outboxRow]] = await Promise.all([
        db.select({ n: count() }).from(captures),
        db.select({ n: count() }).from(outbox),
      ]);
      return { captures: capturesRow?.n ?? 0, outbox: outboxRow?.n ?? 0 };
    },
  };
}
