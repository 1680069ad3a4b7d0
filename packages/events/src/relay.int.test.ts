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
import { eq } from "drizzle-orm";
import { connect, type JetStreamManager, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventEnvelope, subjectOf } from "./catalogue.ts";
import { enqueueEvent } from "./enqueue.ts";
import { type OutboxRelay, startOutboxRelay } from "./relay.ts";
import { ensureStreams } from "./streams.ts";
import { outbox } from "./tables.ts";

// Far beyond every wait below: an event that arrives in time was handed over by its commit, not
// polled for.
const POLL_MS = 60_000;
const PROMPTLY_MS = 2_000;

let nats: NatsServer;
let databases: TestDatabases;
let database: Database<Record<string, never>>;
let nc: NatsConnection;
let jsm: JetStreamManager;
let relay: OutboxRelay;
const log = createLogger("relay-test", "silent");

/** A connection of its own to the test database: this process's, or another one's. */
const openRelayDatabase = () =>
  openDatabase({
    url: databases.urls.relay,
    pgliteDir: "",
    migrationsFolder: new URL("./testing/migrations", import.meta.url).pathname,
    schema: {},
  });

beforeAll(async () => {
  [nats, databases] = await Promise.all([startNatsServer(), createTestDatabases(["relay"])]);
  database = await openRelayDatabase();
  nc = await connect({ servers: nats.url });
  jsm = await nc.jetstreamManager();
  await ensureStreams(jsm);
  relay = startOutboxRelay({ db: database.db, js: nc.jetstream(), log, pollMs: POLL_MS });
});

afterAll(async () => {
  await relay?.stop();
  await nc?.drain();
  await database?.close();
  await Promise.all([nats?.dispose(), databases?.dispose()]);
});

/** Commits one transaction that enqueues a topic_completed event for each of `users`. */
function commitEvents(
  users: string[],
  db = database.db,
): Promise<EventEnvelope<"learning.topic_completed">[]> {
  return db.transaction(async (tx) => {
    const events = [];
    for (const userId of users)
      events.push(
        await enqueueEvent(tx, "learning.topic_completed", userId, { topicId: randomUUID() }),
      );
    return events;
  });
}

/** Runs `work` beside a second relay of this process that polls every 50 ms. */
async function withPollingRelay(work: () => Promise<void>): Promise<void> {
  const polling = startOutboxRelay({ db: database.db, js: nc.jetstream(), log, pollMs: 50 });
  try {
    await work();
  } finally {
    await polling.stop();
  }
}

/** Resolves when `event` is in its stream, failing after PROMPTLY_MS. */
function published(
  event: EventEnvelope<"learning.topic_completed">,
  timeoutMs = PROMPTLY_MS,
): Promise<string> {
  return waitFor(
    () =>
      jsm.streams
        .getMessage("LEARNING", { last_by_subj: subjectOf(event.type, event.userId) })
        .then((message) => message.json<{ id: string }>().id)
        .then((id) => (id === event.id ? id : undefined)),
    { timeoutMs, intervalMs: 10, what: `event ${event.id} published` },
  );
}

describe("the outbox relay", () => {
  it("publishes an event as soon as its transaction commits, with nobody waking it", async () => {
    // The first event may meet the relay's first round; once it is out the relay sleeps for
    // a minute, so the second leaves in time only if its commit handed it to the relay.
    const [first] = await commitEvents([randomUUID()]);
    await published(first!);
    const [second] = await commitEvents([randomUUID()]);
    const started = Date.now();
    await published(second!);
    expect(Date.now() - started).toBeLessThan(PROMPTLY_MS);
  });

  it("publishes every event of one transaction on its commit", async () => {
    const events = await commitEvents([randomUUID(), randomUUID(), randomUUID()]);
    await Promise.all(events.map((event) => published(event)));
  });

  it("publishes nothing of a transaction that rolls back", async () => {
    const userId = randomUUID();
    const rolledBack = database.db.transaction(async (tx) => {
      await enqueueEvent(tx, "learning.topic_completed", userId, { topicId: randomUUID() });
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    // The relay is handed only what commits: a later commit goes out, the rolled-back event
    // neither went out nor left a row for the poll to find.
    const [later] = await commitEvents([randomUUID()]);
    await published(later!);
    const stored = jsm.streams.getMessage("LEARNING", {
      last_by_subj: subjectOf("learning.topic_completed", userId),
    });
    await expect(stored).rejects.toThrow();
    const rows = await database.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.subject, subjectOf("learning.topic_completed", userId)));
    expect(rows).toEqual([]);
  });

  it("stamps the row of an event it published on commit, so no poll sends it again", async () => {
    const [event] = await commitEvents([randomUUID()]);
    await published(event!);
    const stamp = await waitFor(
      async () => {
        const [row] = await database.db
          .select({ publishedAt: outbox.publishedAt })
          .from(outbox)
          .where(eq(outbox.id, event!.id));
        return row?.publishedAt ?? undefined;
      },
      { timeoutMs: PROMPTLY_MS, what: "the row stamped" },
    );
    expect(stamp).toBeInstanceOf(Date);
  });

  it("publishes at its poll an event no commit handed it: another process's", async () => {
    const other = await openRelayDatabase();
    try {
      await withPollingRelay(async () => {
        const [event] = await commitEvents([randomUUID()], other.db);
        await published(event!);
      });
    } finally {
      await other.close();
    }
  });

  it("publishes an event committed while NATS is down once NATS is back", async () => {
    await withPollingRelay(async () => {
      await nats.stop();
      const [event] = await commitEvents([randomUUID()]);
      await nats.restart();
      await published(event!, 20_000);
    });
  });
});
