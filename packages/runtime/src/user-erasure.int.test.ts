import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { serviceEnv } from "@kai/config";
import type { Db } from "@kai/db";
import { buildEvent, erasedUsers, markUserErased, outbox, subjectOf } from "@kai/events";
import type { BaseContext } from "@kai/service";
import { consumerMessages } from "@kai/telemetry";
import { waitFor } from "@kai/testkit";
import { and, eq, isNull } from "drizzle-orm";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubgraphDefinition } from "./start-subgraph-runtime.ts";
import { startTestSubgraph, type TestSubgraph } from "./testing/start-test-subgraph.ts";

const schema = { outbox, erasedUsers };
type Schema = typeof schema;
interface Context extends BaseContext {
  db: Db<Schema>;
}

const DURABLE = "users-user-deleted";
/** Short, so the redelivery after a lost nak comes within the test's patience. */
const ACK_WAIT_MS = 5_000;
/** Users whose erasure takes NATS down before it commits: the purge after it must fail. */
const outageDuring = new Set<string>();

/** Publishes the USERS events, so the runtime purges that stream after an erasure. */
const probeSubgraph = (): SubgraphDefinition<Schema, Context> => ({
  name: "users",
  schema,
  migrationsFolder: fileURLToPath(new URL("../../events/src/testing/migrations", import.meta.url)),
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { pendingEvents: Int! }
  `),
  resolvers: {
    Query: { pendingEvents: (_: unknown, __: unknown, { db }: Context) => db.$count(outbox) },
  },
  publicFields: ["Query.pendingEvents"],
  context: ({ db }, base) => ({ ...base, db }),
  consumers: () => [
    {
      durable: DURABLE,
      type: "users.user_deleted",
      async handle(tx, event) {
        await markUserErased(tx, event.userId);
        if (outageDuring.delete(event.userId)) await probe.nats.stop();
      },
    },
  ],
});

let probe: TestSubgraph<Schema, ReturnType<typeof loadEnv>>;
const loadEnv = (source: Record<string, string>) => ({
  ...serviceEnv.parse(source),
  PORT: Number(source.PORT),
});

beforeAll(async () => {
  probe = await startTestSubgraph(probeSubgraph, {
    loadEnv,
    env: { EVENTS_ACK_WAIT_MS: String(ACK_WAIT_MS) },
  });
});

afterAll(() => probe?.dispose());

/** A user with a sign-up and a profile change in the USERS stream. */
async function userWithEvents(): Promise<string> {
  const userId = randomUUID();
  await probe.events.publish(
    buildEvent("users.user_created", userId, {
      email: `${userId}@example.com`,
      name: "Someone",
      timezone: "UTC",
      role: "USER",
    }),
  );
  await probe.events.publish(
    buildEvent("users.user_updated", userId, { name: "Someone else", timezone: "UTC" }),
  );
  return userId;
}

// No API check on creation: the test's connection may still be reconnecting after an outage.
const manager = () => probe.events.nc.jetstreamManager({ checkAPI: false });

/** Messages per subject that the USERS stream holds of the user. */
async function streamOf(userId: string): Promise<Record<string, number>> {
  const info = await (await manager()).streams.info("USERS", {
    subjects_filter: `users.*.${userId}`,
  });
  return info.state.subjects ?? {};
}

/** Resolves once the erasure consumer has nothing delivered it has not acknowledged. */
async function settled(): Promise<void> {
  await waitFor(
    async () => {
      const info = await (await manager()).consumers.info("USERS", DURABLE);
      return (info.num_pending === 0 && info.num_ack_pending === 0) || undefined;
    },
    { timeoutMs: 45_000, what: "the erasure to be acknowledged" },
  );
}

async function outcomes(): Promise<Record<string, number>> {
  const { values } = await consumerMessages.get();
  return Object.fromEntries(
    values
      .filter((value) => value.labels.durable === DURABLE)
      .map((value) => [String(value.labels.outcome), value.value]),
  );
}

describe("a users.user_deleted consumer", () => {
  it("purges the user's events from the subgraph's stream, bar the deletion itself", async () => {
    const [ada, bo] = [await userWithEvents(), await userWithEvents()];
    expect(await streamOf(ada)).toEqual({
      [`users.user_created.${ada}`]: 1,
      [`users.user_updated.${ada}`]: 1,
    });
    // An event of ada's enqueued just before her erasure: the relay either publishes it before
    // the erasure (and the purge removes it) or finds it deleted with her.
    const late = buildEvent("users.user_updated", ada, { name: "Late", timezone: "UTC" });
    const { db } = probe.subgraph.deps;
    await db
      .insert(outbox)
      .values({ id: late.id, subject: subjectOf(late.type, ada), payload: late });
    const deletion = buildEvent("users.user_deleted", ada, {});
    await probe.events.publish(deletion);
    await probe.processed(DURABLE, deletion.id);
    await settled();
    expect(await streamOf(ada)).toEqual({ [`users.user_deleted.${ada}`]: 1 });
    const waiting = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.id, late.id), isNull(outbox.publishedAt)));
    expect(waiting).toEqual([]);
    expect(await streamOf(bo)).toEqual({
      [`users.user_created.${bo}`]: 1,
      [`users.user_updated.${bo}`]: 1,
    });
  });

  it("holds the deletion unacknowledged while the purge fails, and purges once NATS is back", async () => {
    const cy = await userWithEvents();
    const before = await outcomes();
    outageDuring.add(cy);
    const deletion = buildEvent("users.user_deleted", cy, {});
    await probe.events.publish(deletion);
    // The erasure commits with NATS gone; the purge after it fails and the message is not acked.
    await probe.processed(DURABLE, deletion.id);
    await waitFor(
      async () => ((await outcomes()).retried ?? 0) > (before.retried ?? 0) || undefined,
      { timeoutMs: 15_000, what: "the failed purge to be retried" },
    );
    expect((await outcomes()).applied ?? 0).toBe(before.applied ?? 0);
    await probe.nats.restart();
    // The nak sent into the outage is lost with it: the redelivery comes when the ack wait
    // runs out, not sooner.
    await settled();
    expect(await streamOf(cy)).toEqual({ [`users.user_deleted.${cy}`]: 1 });
    // The redelivery found the erasure applied and only finished its purge.
    const after = await outcomes();
    expect(after.duplicate ?? 0).toBeGreaterThan(before.duplicate ?? 0);
    expect(after.applied ?? 0).toBe(before.applied ?? 0);
  }, 70_000);
});
