import { type Database, openDatabase } from "@kai/db";
import { createLogger } from "@kai/logger";
import {
  type NatsServer,
  type PostgresCluster,
  startNatsServer,
  startPostgresCluster,
  waitFor,
} from "@kai/testkit";
import { eq } from "drizzle-orm";
import { connect, type JetStreamManager, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subjectOf } from "./catalogue.ts";
import { startConsumer } from "./consumer.ts";
import { buildEvent, enqueueEvent } from "./enqueue.ts";
import { startOutboxRelay } from "./relay.ts";
import { ensureStreams } from "./streams.ts";
import { processedEvents } from "./tables.ts";

// A private PostgreSQL (crashed and restarted here) and a private NATS for the events.
let cluster: PostgresCluster;
let nats: NatsServer;
let database: Database<Record<string, never>>;
let nc: NatsConnection;
let jsm: JetStreamManager;
const log = createLogger("outage-test", "silent");

beforeAll(async () => {
  [cluster, nats] = await Promise.all([startPostgresCluster(), startNatsServer()]);
  const url = new URL(cluster.url);
  url.pathname = "/kai_events";
  database = await openDatabase({
    url: url.toString(),
    pgliteDir: "",
    migrationsFolder: new URL("./testing/migrations", import.meta.url).pathname,
    schema: {},
  });
  nc = await connect({ servers: nats.url });
  jsm = await nc.jetstreamManager();
  await ensureStreams(jsm);
});

afterAll(async () => {
  await nc?.drain();
  await database?.close();
  await Promise.all([nats?.dispose(), cluster?.dispose()]);
});

/** What the consumer parked in the dead letters, if anything. */
function parked(durable: string): Promise<string | undefined> {
  return jsm.streams.getMessage("DEAD_LETTERS", { last_by_subj: `dlq.${durable}` }).then(
    (message) => message.string(),
    () => undefined,
  );
}

const userId = "5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b";
const topicId = "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";

describe("a database outage", () => {
  it("has a consumer retry the event past its deliveries, then apply it, not park it", async () => {
    const maxDeliveries = 2;
    const consumer = await startConsumer({
      durable: "outage",
      type: "learning.topic_completed",
      db: database.db,
      js: nc.jetstream(),
      jsm,
      log,
      maxDeliveries,
      retryDelayMs: 10,
      handle: async () => {},
    });
    try {
      await cluster.crash();
      const event = buildEvent("learning.topic_completed", userId, { topicId });
      await nc.jetstream().publish(subjectOf(event.type, userId), JSON.stringify(event));
      await waitFor(
        async () => {
          const info = await jsm.consumers.info("LEARNING", "outage");
          const failedEnough = info.delivered.consumer_seq > maxDeliveries + 1;
          return failedEnough || (await parked("outage")) ? true : undefined;
        },
        { what: "more failed deliveries than maxDeliveries" },
      );
      expect(await parked("outage")).toBeUndefined();
      await cluster.start();
      await waitFor(
        async () => {
          const rows = await database.db
            .select()
            .from(processedEvents)
            .where(eq(processedEvents.eventId, event.id));
          return rows.length === 1 ? true : undefined;
        },
        { what: "the event applied once the database is back" },
      );
      expect(await parked("outage")).toBeUndefined();
    } finally {
      await consumer.stop();
    }
  });

  it("has the outbox relay keep retrying, then publish what commits after it", async () => {
    const relay = startOutboxRelay({ db: database.db, js: nc.jetstream(), log, pollMs: 20 });
    try {
      await cluster.crash();
      // Long enough for several failed rounds: the loop must survive them, not end.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await cluster.start();
      const event = await waitFor(
        () =>
          database.db.transaction((tx) =>
            enqueueEvent(tx, "learning.topic_completed", userId, { topicId }),
          ),
        { what: "a transaction committing again" },
      );
      const published = await waitFor(
        () =>
          jsm.streams
            .getMessage("LEARNING", { last_by_subj: subjectOf(event.type, userId) })
            .then((message) => message.json<{ id: string }>())
            .then((payload) => (payload.id === event.id ? payload : undefined)),
        { what: "the event published" },
      );
      expect(published.id).toBe(event.id);
    } finally {
      await relay.stop();
    }
  });
});
