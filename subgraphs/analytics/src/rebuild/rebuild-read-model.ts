import type { Db } from "@kai/db";
import {
  type Consumer,
  type EventType,
  isErasedUser,
  type NatsConnections,
  startConsumer,
  streamOf,
} from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { erasedUsers, facts, processedEvents, registrations } from "../db/schema.ts";
import type { AnalyticsSchema } from "../db/tables.ts";
import { analyticsConsumers } from "../events/consumers/index.ts";

export interface RebuildOptions {
  db: Db<AnalyticsSchema>;
  nats: NatsConnections;
  log: Logger;
  /** How often to ask JetStream whether a consumer has reached the end. Default 100 ms. */
  pollMs?: number;
}

/**
 * Empties the read model and applies every event again from the start of each stream, the
 * durables recreated at stream start. Run it with no analytics replica running: a replica
 * would keep consuming through the durables this deletes. A deleted account's events are no
 * longer in the streams (their owners purge them), and its erasure deletes whatever of it a
 * replay still finds, so the rebuild counts what the live model counts.
 */
export async function rebuildReadModel({ db, nats, log, pollMs = 100 }: RebuildOptions) {
  const specs = analyticsConsumers();
  for (const spec of specs) {
    await nats.jsm.consumers.delete(streamOf(spec.type), spec.durable).catch((error: unknown) => {
      if (!/consumer not found/i.test(String(error))) throw error;
    });
  }
  await db.transaction(async (tx) => {
    for (const table of [facts, registrations, processedEvents, erasedUsers]) {
      await tx.delete(table);
    }
  });
  const running: Consumer[] = [];
  try {
    for (const spec of specs) running.push(await replay(spec, { db, nats, log }));
    await Promise.all(specs.map((spec) => caughtUp(nats, spec, pollMs)));
  } finally {
    await Promise.all(running.map((consumer) => consumer.stop()));
  }
  const counted = await db.$count(facts);
  log.info({ facts: counted }, "analytics read model rebuilt from the streams");
  return { facts: counted };
}

/** One consumer of the rebuild, as the runtime would run it (an erased user's events skipped). */
function replay(
  spec: ConsumerSpec<AnalyticsSchema>,
  { db, nats, log }: Omit<RebuildOptions, "pollMs">,
): Promise<Consumer> {
  return startConsumer<EventType, unknown>({
    durable: spec.durable,
    type: spec.type,
    db: db as unknown as Db,
    js: nats.js,
    jsm: nats.jsm,
    log,
    handle: (tx, event, prepared) => spec.handle(tx as never, event, prepared),
    skip: async (dbOrTx, event) =>
      event.type !== "users.user_deleted" && (await isErasedUser(dbOrTx, event.userId)),
  });
}

/** Resolves once the durable has every message of its stream delivered and acknowledged. */
async function caughtUp(
  nats: NatsConnections,
  spec: ConsumerSpec<AnalyticsSchema>,
  pollMs: number,
): Promise<void> {
  for (;;) {
    const info = await nats.jsm.consumers.info(streamOf(spec.type), spec.durable);
    if (info.num_pending === 0 && info.num_ack_pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
