import { type Db, runPrepared } from "@kai/db";
import type { Logger } from "@kai/logger";
import { outboxBacklog } from "@kai/telemetry";
import { and, asc, count, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { JetStreamClient } from "nats";
import { onOutboxCommit } from "./outbox-signal.ts";
import { outbox } from "./tables.ts";
import { publication } from "./trace-headers.ts";

export interface OutboxRelayOptions {
  db: Db;
  js: JetStreamClient;
  log: Logger;
  /**
   * How often to look for rows no commit in this process woke the relay for: another
   * replica's, or a crashed process's. Default 500 ms.
   */
  pollMs?: number;
  /** Rows published per transaction. Default 100. */
  batchSize?: number;
  /** How long published rows are kept for inspection. Default one day. */
  retainMs?: number;
  /** The service whose outbox this is: the `service` label of its backlog metric. Default "outbox". */
  service?: string;
}

export interface OutboxRelay {
  /** Finishes the batch in flight and stops. */
  stop(): Promise<void>;
}

/**
 * Moves outbox rows to JetStream. Rows are claimed with SKIP LOCKED so replicas share the
 * work, and published with `Nats-Msg-Id` = event id so a row published twice (a crash after
 * publish, before commit) is dropped by the stream. NATS being down only delays them.
 * A transaction of `db` that enqueues an event wakes the relay as it commits (enqueue.ts).
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, js, log } = options;
  const pollMs = options.pollMs ?? 500;
  const batchSize = options.batchSize ?? 100;
  const retainMs = options.retainMs ?? 24 * 60 * 60 * 1000;
  let running = true;
  let wake: (() => void) | undefined;
  let woken = false;
  let failures = 0;

  async function publishBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      // Claimed and stamped in one statement: the stamp commits only if every publish below
      // succeeded (a failure rolls it back), so a separate UPDATE after the publishes would
      // cost a round trip for nothing.
      const claimed = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(asc(outbox.createdAt))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      const rows = await runPrepared(
        tx
          .update(outbox)
          .set({ publishedAt: new Date() })
          .where(inArray(outbox.id, claimed))
          .returning({
            subject: outbox.subject,
            payload: outbox.payload,
            id: outbox.id,
            createdAt: outbox.createdAt,
          }),
      );
      // RETURNING keeps no order: publish oldest first, as claimed.
      rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      await Promise.all(
        rows.map((row) => {
          const { body, headers } = publication(row.payload);
          return js.publish(row.subject, body, { msgID: row.id, headers });
        }),
      );
      return rows.length;
    });
  }

  async function prune(): Promise<void> {
    await db
      .delete(outbox)
      .where(
        and(isNotNull(outbox.publishedAt), lt(outbox.publishedAt, new Date(Date.now() - retainMs))),
      );
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const service = options.service ?? "outbox";
  const stopSampling = outboxBacklog.sample(async (gauge) => {
    const [row] = await db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
    gauge.set({ service }, row?.n ?? 0);
  });

  // Registered before the first round, so a commit during that round is not missed.
  const unsubscribe = onOutboxCommit(db, () => {
    woken = true;
    wake?.();
  });

  const loop = (async () => {
    let rounds = 0;
    while (running) {
      woken = false;
      try {
        const published = await publishBatch();
        failures = 0;
        if (++rounds % 1000 === 0) await prune();
        if (published === batchSize || woken) continue;
      } catch (error) {
        failures++;
        log.warn({ err: error, failures }, "outbox relay could not publish; will retry");
      }
      if (running) await sleep(failures > 0 ? Math.min(pollMs * 2 ** failures, 10_000) : pollMs);
    }
  })();

  return {
    async stop() {
      stopSampling();
      unsubscribe();
      running = false;
      wake?.();
      await loop;
    },
  };
}
