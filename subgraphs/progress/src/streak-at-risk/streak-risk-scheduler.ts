import type { Db } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import type { BackgroundTask } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { sql } from "drizzle-orm";
import { lockStreakRiskCandidates, markAtRiskAnnounced } from "../db/streak-risk.repo.ts";
import type { ProgressSchema } from "../db/tables.ts";
import { streakAtRisk } from "../domain/streak-at-risk.ts";

/** Users handled per transaction, so one scan never holds row locks for long. */
const USERS_PER_BATCH = 200;

export interface StreakRiskScanOptions {
  db: Db<ProgressSchema>;
  /** The local hour (0–23) from which a streak with nothing done today counts as at risk. */
  hour: number;
}

export interface StreakRiskSchedulerOptions extends StreakRiskScanOptions {
  log: Logger;
  intervalMs: number;
  /** The clock; tests fix it. Default: the system clock. */
  now?: () => Date;
}

/**
 * One scan at `now`: emits `progress.streak_at_risk` for every user whose streak is at risk
 * and records the date on their row in the same transaction, so the warning goes out once
 * per user and local date whatever restarts. Replicas take turns through a transaction-scoped
 * advisory lock; the recorded date would stop a second warning even without it. Resolves to
 * the number of users warned by this call (0 when another replica held the lock).
 */
export async function scanStreaksAtRisk(
  { db, hour }: StreakRiskScanOptions,
  now: Date,
): Promise<number> {
  let total = 0;
  let warned: number;
  do {
    warned = await db.transaction(async (tx) => {
      const [lock] = await tx
        .select({
          acquired: sql<boolean>`pg_try_advisory_xact_lock(hashtext('kai:streak-risk-scheduler'))`,
        })
        .from(sql`(select 1) as one`);
      if (!lock?.acquired) return 0;
      let count = 0;
      for (const candidate of await lockStreakRiskCandidates(tx, now, hour, USERS_PER_BATCH)) {
        const risk = streakAtRisk(candidate, now, candidate.timezone, hour);
        if (!risk) continue;
        const data = { ...risk, timezone: candidate.timezone };
        await enqueueEvent(tx, "progress.streak_at_risk", candidate.userId, data, now);
        await markAtRiskAnnounced(tx, candidate.userId, risk.date);
        count++;
      }
      return count;
    });
    total += warned;
  } while (warned === USERS_PER_BATCH);
  return total;
}

/** Scans every `intervalMs`; a scan still running when the next is due is not doubled. */
export function startStreakRiskScheduler(options: StreakRiskSchedulerOptions): BackgroundTask {
  const { log, intervalMs, now = () => new Date() } = options;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= scanStreaksAtRisk(options, now())
      .then((warned) => {
        if (warned > 0) log.info({ warned }, "streaks at risk announced");
      })
      .catch((error: unknown) =>
        log.warn({ err: error }, "streak-at-risk scan failed; next scan retries"),
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
