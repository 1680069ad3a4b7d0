import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@kai/runtime/testing";
import { count, like } from "drizzle-orm";
import { capturesSubgraph } from "../app.ts";
import { captures, outbox } from "../db/schema.ts";
import type { CapturesSchema } from "../db/tables.ts";
import { type CapturesEnv, loadCapturesEnv } from "../env.ts";

export interface CapturesHarness extends TestSubgraph<CapturesSchema, CapturesEnv> {
  /** Every SQL statement the subgraph ran so far, in order. */
  statements: string[];
  /** Rows in the captures and outbox tables, to prove a failed mutation wrote nothing. */
  rowCounts(): Promise<{ captures: number; outbox: number }>;
  /** The payloads of the outbox's events of one type, oldest first. */
  outboxEvents(type: string): Promise<{ type: string; userId: string; data: unknown }[]>;
  /** The local blob store's directory (a fresh temporary one). */
  blobDir: string;
}

/** The captures subgraph alone (see startTestSubgraph), counting its SQL statements. */
export async function startCapturesHarness(
  env: Record<string, string> = {},
): Promise<CapturesHarness> {
  const statements: string[] = [];
  const blobDir = await mkdtemp(join(tmpdir(), "kai-captures-blobs-"));
  const harness = await startTestSubgraph(capturesSubgraph, {
    loadEnv: loadCapturesEnv,
    env: { BLOB_DIR: blobDir, ...env },
    onQuery: (query) => statements.push(query),
  });
  const { db } = harness.subgraph.deps;
  return {
    ...harness,
    statements,
    blobDir,
    async dispose() {
      await harness.dispose();
      await rm(blobDir, { recursive: true, force: true });
    },
    async outboxEvents(type) {
      const rows = await db
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(like(outbox.subject, `${type}.%`))
        .orderBy(outbox.createdAt);
      return rows.map((row) => row.payload as { type: string; userId: string; data: unknown });
    },
    async rowCounts() {
      const [[capturesRow], [outboxRow]] = await Promise.all([
        db.select({ n: count() }).from(captures),
        db.select({ n: count() }).from(outbox),
      ]);
      return { captures: capturesRow?.n ?? 0, outbox: outboxRow?.n ?? 0 };
    },
  };
}
