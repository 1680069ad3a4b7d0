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
import { and, eq } from "drizzle-orm";
import { connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsumer } from "./consumer.ts";
import { buildEvent, enqueueEvent } from "./enqueue.ts";
import { deleteUnsentEvents, isErasedUser, markUserErased } from "./erasure.ts";
import { ensureStreams } from "./streams.ts";
import { outbox, processedEvents } from "./tables.ts";

let nats: NatsServer;
let databases: TestDatabases;
let database: Database<Record<string, never>>;
let nc: NatsConnection;

beforeAll(async () => {
  [nats, databases] = await Promise.all([startNatsServer(), createTestDatabases(["erasure"])]);
  database = await openDatabase({
    url: databases.urls.erasure,
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

describe("erasing a user", () => {
  it("waits for an effect of theirs in progress, and an effect after it sees them erased", async () => {
    const userId = randomUUID();
    let finishEffect = () => {};
    const effectHeld = new Promise<void>((resolve) => {
      finishEffect = resolve;
    });
    let checked = () => {};
    const effectChecked = new Promise<void>((resolve) => {
      checked = resolve;
    });
    const effect = database.db.transaction(async (tx) => {
      const erased = await isErasedUser(tx, userId);
      checked();
      await effectHeld;
      return erased;
    });
    await effectChecked;
    let erasedAt: number | undefined;
    const erasure = database.db
      .transaction((tx) => markUserErased(tx, userId))
      .then(() => {
        erasedAt = Date.now();
      });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(erasedAt).toBeUndefined();
    const effectDoneAt = Date.now();
    finishEffect();
    expect(await effect).toBe(false);
    await erasure;
    expect(erasedAt).toBeGreaterThanOrEqual(effectDoneAt);
    expect(await database.db.transaction((tx) => isErasedUser(tx, userId))).toBe(true);
  });

  it("is recorded once, however often it is repeated", async () => {
    const userId = randomUUID();
    await database.db.transaction((tx) => markUserErased(tx, userId));
    await database.db.transaction((tx) => markUserErased(tx, userId));
    expect(await isErasedUser(database.db, userId)).toBe(true);
    expect(await isErasedUser(database.db, randomUUID())).toBe(false);
  });
});

describe("a consumer told to skip an erased user's events", () => {
  it("acknowledges and records them without handling them or running afterCommit", async () => {
    const [erased, alive] = [randomUUID(), randomUUID()];
    await database.db.transaction((tx) => markUserErased(tx, erased));
    const handled: string[] = [];
    const afterCommits: string[] = [];
    const consumer = await startConsumer({
      durable: "skips-erased",
      type: "learning.topic_completed",
      db: database.db,
      js: nc.jetstream(),
      jsm: await nc.jetstreamManager(),
      log: createLogger("erasure-test", "silent"),
      handle: async (_tx, event) => void handled.push(event.userId),
      afterCommit: (event) => void afterCommits.push(event.userId),
      skip: (dbOrTx, event) => isErasedUser(dbOrTx, event.userId),
    });
    const completed = (userId: string) =>
      buildEvent("learning.topic_completed", userId, { topicId: randomUUID() });
    // Handled in order: once the living user's event is applied, the erased one's was seen.
    const late = completed(erased);
    for (const event of [late, completed(alive)]) {
      const subject = `${event.type}.${event.userId}`;
      await nc.jetstream().publish(subject, JSON.stringify(event), { msgID: event.id });
    }
    await waitFor(() => (afterCommits.includes(alive) ? true : undefined), {
      what: "the marker to be applied",
    });
    await consumer.stop();
    expect(handled).toEqual([alive]);
    expect(afterCommits).toEqual([alive]);
    const recorded = await database.db
      .select()
      .from(processedEvents)
      .where(
        and(eq(processedEvents.consumer, "skips-erased"), eq(processedEvents.eventId, late.id)),
      );
    expect(recorded).toHaveLength(1);
  });
});

describe("dropping an erased user's unsent events", () => {
  it("deletes their rows still waiting for the relay, and nobody else's or anything sent", async () => {
    const [ada, bo] = [randomUUID(), randomUUID()];
    const enqueue = (userId: string) =>
      database.db.transaction((tx) =>
        enqueueEvent(tx, "learning.topic_completed", userId, { topicId: randomUUID() }),
      );
    const [sent, waiting, other] = [await enqueue(ada), await enqueue(ada), await enqueue(bo)];
    await database.db.update(outbox).set({ publishedAt: new Date() }).where(eq(outbox.id, sent.id));
    const dropped = await database.db.transaction(async (tx) => {
      await markUserErased(tx, ada);
      return deleteUnsentEvents(tx, ada);
    });
    expect(dropped).toBe(1);
    const left = await database.db.select({ id: outbox.id }).from(outbox);
    expect(left.map((row) => row.id).sort()).toEqual([sent.id, other.id].sort());
    expect(left.map((row) => row.id)).not.toContain(waiting.id);
  });
});
