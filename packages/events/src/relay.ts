import { type Db, runPrepared } from "@kai/db";
import type { Logger } from "@kai/logger";
import { outboxBacklog } from "@kai/telemetry";
import { and, asc, count, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { JetStreamClient } from "nats";
import { type CommittedEvent, onOutboxCommit } from "./outbox-signal.ts";
import { outbox } from "./tables.ts";
import { publication } from "./trace-headers.ts";

export interface OutboxRelayOptions {
  db: Db;
  js: JetStreamClient;
  log: Logger;
  /**
   * How often to look for rows the relay was not handed as they committed, or could not
   * publish then: another replica's, a crashed process's, or any written while NATS was
   * down. Default 500 ms.
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
  /** Finishes the publishing in flight and stops. */
  stop(): Promise<void>;
}

/**
 * Committed events published at once and not yet acknowledged, beyond which new ones are left
 * to the poll: with NATS down each publish waits for its timeout, and memory must not follow
 * the commit rate meanwhile.
 */
const MAX_IN_FLIGHT = 1_000;

/**
 * The rows the poll claims: those written over a second ago. A younger row is its commit's to
 * publish and stamp, which takes milliseconds; were the poll to take it meanwhile, both would
 * send it (harmless, but twice the work, and a second copy to every live subscriber).
 */
const leftToThePoll = sql`now() - interval '1 second'`;

/**
 * Moves outbox rows to JetStream, every one with `Nats-Msg-Id` = event id, so a row published
 * twice is dropped by the stream. Two paths:
 * - An event committed in this process is handed over by its commit (enqueue.ts) and
 *   published at once, then its row stamped: the event leaves without a read of the outbox
 *   first, so the way from a change to its consumers holds no relay transaction.
 * - A poll claims, with SKIP LOCKED so replicas share the work, whatever is still unstamped a
 *   second after it was written: rows the first path could not publish (NATS down, a crash
 *   before the stamp) and rows of processes that have no relay. NATS being down only delays
 *   them.
 * A row both paths publish (the poll meeting it between publish and stamp) is deduplicated.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, js, log } = options;
  const pollMs = options.pollMs ?? 500;
  const batchSize = options.batchSize ?? 100;
  const retainMs = options.retainMs ?? 24 * 60 * 60 * 1000;
  let running = true;
  let wake: (() => void) | undefined;
  let failures = 0;

  // What both paths send: a committed event, or a row the poll claimed (its payload as stored).
  const publish = (row: Pick<CommittedEvent, "id" | "subject"> & { payload: unknown }) => {
    const { body, headers } = publication(row.payload);
    return js.publish(row.subject, body, { msgID: row.id, headers });
  };

  async function publishBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      // Claimed and stamped in one statement: the stamp commits only if every publish below
      // succeeded (a failure rolls it back), so a separate UPDATE after the publishes would
      // cost a round trip for nothing.
      const claimed = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(isNull(outbox.publishedAt), lt(outbox.createdAt, leftToThePoll)))
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
      await Promise.all(rows.map(publish));
      return rows.length;
    });
  }

  // One transaction's events arrive one by one as its commit hooks run; they leave together.
  let committed: CommittedEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  let inFlightRows = 0;

  function take(event: CommittedEvent): void {
    if (!running || inFlightRows >= MAX_IN_FLIGHT) return;
    if (committed.length === 0) queueMicrotask(publishCommitted);
    committed.push(event);
    inFlightRows++;
  }

  function publishCommitted(): void {
    const rows = committed;
    committed = [];
    // Debug, not warn: with NATS down this fails once per commit, and the poll, which retains
    // the rows, already warns once per failed round with a backoff.
    const work = publishThenStamp(rows)
      .catch((error: unknown) =>
        log.debug(
          { err: error, events: rows.length },
          "outbox relay left committed events to its poll",
        ),
      )
      .finally(() => {
        inFlightRows -= rows.length;
        inFlight.delete(work);
      });
    inFlight.add(work);
  }

  async function publishThenStamp(rows: CommittedEvent[]): Promise<void> {
    // The time publishing began, as the poll stamps its claim: published_at reads the same
    // whichever path sent the row.
    const publishedAt = new Date();
    // Sent in commit order on one connection, so one user's events stay in order.
    await Promise.all(rows.map(publish));
    await db
      .update(outbox)
      .set({ publishedAt })
      .where(
        and(
          inArray(
            outbox.id,
            rows.map((row) => row.id),
          ),
          isNull(outbox.publishedAt),
        ),
      );
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

  // Registered before the first round: a commit during that round is published at once too.
  const unsubscribe = onOutboxCommit(db, take);

  const loop = (async () => {
    let rounds = 0;
    while (running) {
      try {
        const published = await publishBatch();
        failures = 0;
        if (++rounds % 1000 === 0) await prune();
        if (published === batchSize) continue;
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
      await Promise.all(inFlight);
    },
  };
}
