import { fileURLToPath } from "node:url";
import { serviceEnv } from "@kai/config";
import type { Db } from "@kai/db";
import { buildEvent, erasedUsers, outbox } from "@kai/events";
import type { BaseContext } from "@kai/service";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAiCall } from "./ai-metrics.ts";
import type { SubgraphDefinition } from "./start-subgraph-runtime.ts";
import { startTestSubgraph, type TestSubgraph } from "./testing/start-test-subgraph.ts";

const schema = { outbox, erasedUsers };
type Schema = typeof schema;
interface Context extends BaseContext {
  db: Db<Schema>;
}

const DURABLE = "probe-user-created";
/** Event ids whose first delivery fails, so the second is a redelivery. */
const failOnce = new Set<string>();

/** A subgraph with one query and one consumer. */
const probeSubgraph = (): SubgraphDefinition<Schema, Context> => ({
  name: "progress",
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
      type: "users.user_created",
      async handle(_tx, event) {
        if (failOnce.delete(event.id)) throw new Error("first delivery fails");
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
  probe = await startTestSubgraph(probeSubgraph, { loadEnv });
});

afterAll(() => probe?.dispose());

async function scrape(): Promise<string> {
  const response = await fetch(new URL("/metrics", probe.subgraph.url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The value of one sample, e.g. `kai_consumer_redeliveries_total{durable="x"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split("\n")
    .find(
      (row) =>
        row.startsWith(`${name}{`) &&
        wanted.every((label) => row.slice(0, row.indexOf("}")).includes(label)),
    );
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

describe("/metrics of a subgraph", () => {
  it("counts operations by type and root field, with their outcome and latency", async () => {
    const before = await scrape();
    const labels = { service: "progress", operation: "query pendingEvents" };
    await probe.client().request("{ pendingEvents }");
    await probe.client().request("query Named { pendingEvents }");
    await probe
      .client()
      .request("{ nope }")
      .catch(() => {});
    const after = await scrape();
    const ok = (text: string) =>
      sample(text, "kai_graphql_operations_total", { ...labels, outcome: "ok" });
    expect(ok(after) - ok(before)).toBe(2);
    const timed = (text: string) =>
      sample(text, "kai_graphql_operation_duration_seconds_count", labels);
    expect(timed(after) - timed(before)).toBe(2);
    const invalid = (text: string) =>
      sample(text, "kai_graphql_operations_total", {
        service: "progress",
        operation: "invalid",
        outcome: "error",
      });
    expect(invalid(after) - invalid(before)).toBe(1);
  });

  it("reports a consumer's redeliveries and outcomes, and its pending messages", async () => {
    const event = buildEvent("users.user_created", crypto.randomUUID(), {
      email: "b@example.com",
      name: "B",
      timezone: "UTC",
      role: "USER",
    });
    failOnce.add(event.id);
    const before = await scrape();
    await probe.events.publish(event);
    await probe.processed(DURABLE, event.id);
    const after = await scrape();
    const redelivered = (text: string) =>
      sample(text, "kai_consumer_redeliveries_total", { durable: DURABLE });
    expect(redelivered(after) - redelivered(before)).toBe(1);
    const outcome = (text: string, name: string) =>
      sample(text, "kai_consumer_messages_total", { durable: DURABLE, outcome: name });
    expect(outcome(after, "retried") - outcome(before, "retried")).toBe(1);
    expect(outcome(after, "applied") - outcome(before, "applied")).toBe(1);
    expect(after).toMatch(
      new RegExp(`kai_consumer_pending_messages\\{durable="${DURABLE}",state="undelivered"\\} 0`),
    );
  });

  it("reports the outbox backlog: events committed and not yet published", async () => {
    const backlog = async () =>
      sample(await scrape(), "kai_outbox_backlog_events", { service: "progress" });
    // No stream takes this subject, so the relay cannot publish it and the row stays behind.
    const stuck = buildEvent("users.user_created", crypto.randomUUID(), {
      email: "c@example.com",
      name: "C",
      timezone: "UTC",
      role: "USER",
    });
    const db = probe.subgraph.deps.db;
    await db.insert(outbox).values({ id: stuck.id, subject: "unrouted.subject", payload: stuck });
    await waitFor(async () => ((await backlog()) === 1 ? true : undefined), {
      what: "a backlog of 1",
    });
    await db.delete(outbox).where(eq(outbox.id, stuck.id));
    await waitFor(async () => ((await backlog()) === 0 ? true : undefined), {
      what: "an empty backlog",
    });
    expect(await scrape()).toContain("process_cpu_seconds_total");
  });

  it("counts language model calls and their estimated cost per model", async () => {
    const before = await scrape();
    countAiCall({ model: "gemini-test", outcome: "ok", costUsd: 0.25 });
    countAiCall({ model: "gemini-test", outcome: "timeout", costUsd: 0.5 });
    const after = await scrape();
    const calls = (text: string, outcome: string) =>
      sample(text, "kai_ai_calls_total", { model: "gemini-test", outcome });
    expect(calls(after, "ok") - calls(before, "ok")).toBe(1);
    expect(calls(after, "timeout") - calls(before, "timeout")).toBe(1);
    const cost = (text: string) => sample(text, "kai_ai_cost_usd_total", { model: "gemini-test" });
    expect(cost(after) - cost(before)).toBeCloseTo(0.75);
  });
});
