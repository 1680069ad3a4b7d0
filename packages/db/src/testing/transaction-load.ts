import { sql } from "drizzle-orm";
import type { Db } from "../types.ts";
import { type ProbeSchema, probe } from "./probe-schema.ts";

export interface TransactionLoad {
  /** Transactions committed so far. */
  readonly committed: number;
  /** Every error a transaction failed with, in order. */
  readonly failures: readonly unknown[];
  /** Lets each worker finish its current transaction, then resolves. */
  stop(): Promise<void>;
}

/**
 * Keeps `workers` transactions in flight, more than the pool has connections, so that a crash
 * finds transactions mid-statement, waiting for a connection, and about to commit, the way the
 * outbox relay and the consumers use the pool.
 */
export function startTransactionLoad(db: Db<ProbeSchema>, workers: number): TransactionLoad {
  let running = true;
  let committed = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (running) {
      try {
        await db.transaction(async (tx) => {
          await tx.insert(probe).values({ note: "load" });
          await tx.execute(sql`select pg_sleep(0.02)`);
        });
        committed++;
      } catch (error) {
        failures.push(error);
        // Without a pause a refused connection would spin the loop as fast as it fails.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    get committed() {
      return committed;
    },
    failures,
    async stop() {
      running = false;
      await done;
    },
  };
}
