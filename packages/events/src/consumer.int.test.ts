import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@kai/db";
import { createLogger } from "@kai/logger";
import {
  createTestDatabases,
  type NatsServer,
  startNatsServer,
  type TestDatabases,
  waitFor,
} from "@kai/testkit";
import { sql } from "drizzle-orm";
import { connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Consumer, startConsumer } from "./consumer.ts";
import { buildEvent } from "./enqueue.ts";
import { ensureStreams } from "./streams.ts";
import { processedEvents } from "./tables.ts";

let nats: NatsServer;
let databases: TestDatabases;
let database: Database<Record<string, never>>;
let nc: NatsConnection;
const log = createLogger("consumer-test", "silent");

beforeAll(async () => {
  [nats, databases] = await Promise.all([startNatsServer(), createTestDatabases(["events"])]);
  database = await openDatabase({
    url: databases.urls.events,
    pgliteDir: "",
    migrationsFolder: new URL("./testing/migrations", import.meta.url).pathname,
    schema: {},
  });
  nc = await connect({ servers: nats.url });
  await ensureStreams(await nc.jetstreamManager());
});

afterAll(async () => {
  await nc?.drain();
  await database?.close();
  await Promise.all([nats?.dispose(), databases?.dispose()]);
});

async function consume(
  durable: string,
  options: {
    handle: (eventId: string) => Promise<void>;
    onGiveUp?: (eventId: string, reason: string) => Promise<void>;
    afterCommit?: (eventId: string) => Promise<void>;
    concurrency?: number;
  },
): Promise<Consumer> {
  return startConsumer({
    durable,
    type: "learning.topic_completed",
    db: database.db,
    js: nc.jetstream(),
    jsm: await nc.jetstreamManager(),
    log,
    maxDeliveries: 2,
    retryDelayMs: 10,
    handle: (_tx, event) => options.handle(event.id),
    onGiveUp: options.onGiveUp && ((_tx, event, reason) => options.onGiveUp!(event.id, reason)),
    afterCommit: options.afterCommit && ((event) => options.afterCommit!(event.id)),
    concurrency: options.concurrency,
  });
}

const userId = "5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b";
const topicId = "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
const topicCompleted = () => buildEvent("learning.topic_completed", userId, { topicId });

describe("a durable consumer", () => {
  it("applies an event once however often it is delivered", async () => {
    const applied: string[] = [];
    const consumer = await consume("once", { handle: async (id) => void applied.push(id) });
    const event = topicCompleted();
    const js = nc.jetstream();
    const subject = `learning.topic_completed.${userId}`;
    // Two msgIDs get both copies past JetStream's own dedupe: the consumer must drop one.
    await js.publish(subject, JSON.stringify(event), { msgID: "a" });
    await js.publish(subject, JSON.stringify(event), { msgID: "b" });
    // Messages are handled in order: once this later event is applied, both copies were seen.
    // (Waiting for two applications instead would pass with the copy applied.)
    const marker = topicCompleted();
    await js.publish(subject, JSON.stringify(marker), { msgID: marker.id });
    await waitFor(() => (applied.includes(marker.id) ? true : undefined), {
      what: "the marker to be applied",
    });
    await consumer.stop();
    expect(applied).toEqual([event.id, marker.id]);
  });

  it("handles different users' events side by side and each user's in order", async () => {
    const otherUser = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    const first = topicCompleted();
    const second = topicCompleted();
    const other = buildEvent("learning.topic_completed", otherUser, first.data);
    let otherApplied = () => {};
    const otherDone = new Promise<void>((resolve) => {
      otherApplied = resolve;
    });
    const applied: string[] = [];
    // The first event waits for the other user's, published after it: handled one at a time,
    // that wait would time out and the order below would differ.
    const consumer = await consume("side-by-side", {
      handle: async (id) => {
        if (id === first.id) {
          await Promise.race([otherDone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        }
        if (id === other.id) otherApplied();
        applied.push(id);
      },
    });
    const js = nc.jetstream();
    await js.publish(`learning.topic_completed.${userId}`, JSON.stringify(first));
    await js.publish(`learning.topic_completed.${userId}`, JSON.stringify(second));
    await js.publish(`learning.topic_completed.${otherUser}`, JSON.stringify(other));
    await waitFor(() => (applied.includes(second.id) ? true : undefined), {
      what: "the second event to be applied",
    });
    await consumer.stop();
    const ours = new Set([first.id, second.id, other.id]);
    expect(applied.filter((id) => ours.has(id))).toEqual([other.id, first.id, second.id]);
  });

  it("handles the next messages while an afterCommit runs, and coalesces one user's runs", async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const event = (user: string) => buildEvent("learning.topic_completed", user, { topicId });
    const [a1, a2, a3, b1] = [event(alice), event(alice), event(alice), event(bob)];
    const ours = new Set([a1, a2, a3, b1].map((e) => e.id));
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const applied: string[] = [];
    const refreshed: string[] = [];
    // One slot: were it held through a1's afterCommit, nothing after a1 would be applied.
    const consumer = await consume("after-commit-aside", {
      concurrency: 1,
      handle: async (id) => void applied.push(id),
      afterCommit: async (id) => {
        if (ours.has(id)) refreshed.push(id);
        if (id === a1.id) await released;
      },
    });
    const js = nc.jetstream();
    const publish = (e: typeof a1) =>
      js.publish(`learning.topic_completed.${e.userId}`, JSON.stringify(e));
    await publish(a1);
    await waitFor(() => (refreshed.includes(a1.id) ? true : undefined), { what: "a1's refresh" });
    for (const e of [a2, a3, b1]) await publish(e);
    await waitFor(() => (applied.includes(b1.id) ? true : undefined), {
      what: "the later events to be applied while a1's refresh runs",
    });
    await waitFor(() => (refreshed.includes(b1.id) ? true : undefined), { what: "b1's refresh" });
    expect(refreshed).toEqual([a1.id, b1.id]);
    release();
    await waitFor(() => (refreshed.includes(a3.id) ? true : undefined), { what: "a3's refresh" });
    await consumer.stop();
    // a2 and a3 were applied while a1's ran: one more run, for the newest, covers both.
    expect(applied.filter((id) => ours.has(id))).toEqual([a1.id, a2.id, a3.id, b1.id]);
    expect(refreshed).toEqual([a1.id, b1.id, a3.id]);
  });

  it("gives up after its deliveries: records why once, parks the message, and moves on", async () => {
    // A new durable starts at the stream's first message, so it also gives up on the events
    // the test above published; only this test's event is looked at.
    const reasons: string[] = [];
    const event = topicCompleted();
    const consumer = await consume("gives-up", {
      handle: async () => {
        throw new Error("the handler is broken");
      },
      onGiveUp: async (eventId, reason) => {
        if (eventId === event.id) reasons.push(reason);
      },
    });
    await nc.jetstream().publish(`learning.topic_completed.${userId}`, JSON.stringify(event));
    await nc.jetstream().publish(`learning.topic_completed.${userId}`, JSON.stringify(event));
    await waitFor(() => reasons[0], { what: "the give-up" });

    const jsm = await nc.jetstreamManager();
    const parked = await waitFor(() =>
      jsm.streams
        .getMessage("DEAD_LETTERS", { last_by_subj: "dlq.gives-up" })
        .then((m) => m.json<{ reason: string }>()),
    );
    expect(parked.reason).toBe(reasons[0]);
    const recorded = await database.db
      .select()
      .from(processedEvents)
      .where(
        sql`${processedEvents.consumer} = 'gives-up' and ${processedEvents.eventId} = ${event.id}`,
      );
    expect(recorded).toHaveLength(1);
    await consumer.stop();
  });
});
