import type { Db } from "@kai/db";
import type { BackgroundTask } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { sql } from "drizzle-orm";
import { findOwnersWithNewlyDueCards, markDueAnnounced } from "../db/flashcards.repo.ts";
import type { LearningSchema } from "../db/tables.ts";
import { enqueueDueNotice } from "./enqueue-due-notice.ts";

/** Owners handled per transaction, so one scan never holds locks for long. */
const OWNERS_PER_BATCH = 200;

export interface DueSchedulerOptions {
  db: Db<LearningSchema>;
  log: Logger;
  intervalMs: number;
}

/**
 * Announces cards that became due: one `learning.flashcards_due` per owner per scan, each
 * due date announced once. Replicas take turns through a transaction-scoped advisory lock,
 * so several of them never announce the same cards twice.
 */
export function startDueScheduler({ db, log, intervalMs }: DueSchedulerOptions): BackgroundTask {
  const scanBatch = (now: Date) =>
    db.transaction(async (tx) => {
      const [lock] = await tx
        .select({
          acquired: sql<boolean>`pg_try_advisory_xact_lock(hashtext('kai:due-scheduler'))`,
        })
        .from(sql`(select 1) as one`);
      if (!lock?.acquired) return 0;
      const owners = await findOwnersWithNewlyDueCards(tx, now, OWNERS_PER_BATCH);
      for (const ownerId of owners) await enqueueDueNotice(tx, ownerId, now);
      if (owners.length > 0) await markDueAnnounced(tx, owners, now);
      return owners.length;
    });

  let running: Promise<void> | undefined;
  const scan = async () => {
    const now = new Date();
    let announced: number;
    do {
      announced = await scanBatch(now);
    } while (announced === OWNERS_PER_BATCH);
  };
  const timer = setInterval(() => {
    running ??= scan()
      .catch((error: unknown) =>
        log.warn({ err: error }, "due-card scan failed; next scan retries"),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
