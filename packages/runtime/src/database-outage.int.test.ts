import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serviceEnv } from "@kai/config";
import type { Db } from "@kai/db";
import { outbox } from "@kai/events";
import type { BaseContext } from "@kai/service";
import {
  type NatsServer,
  type PostgresCluster,
  startNatsServer,
  startPostgresCluster,
  waitFor,
} from "@kai/testkit";
import { sql } from "drizzle-orm";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningSubgraph,
  type SubgraphDefinition,
  startSubgraphRuntime,
} from "./start-subgraph-runtime.ts";

const schema = { outbox };
type Schema = typeof schema;
interface Context extends BaseContext {
  db: Db<Schema>;
}

/** The smallest subgraph: one field that reads the database, one that holds a query open. */
const probeSubgraph: SubgraphDefinition<Schema, Context> = {
  name: "progress",
  schema,
  // The outbox and processed_events tables the relay and consumers expect.
  migrationsFolder: fileURLToPath(new URL("../../events/src/testing/migrations", import.meta.url)),
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { pendingEvents: Int!  slowPendingEvents: Int! }
  `),
  resolvers: {
    Query: {
      pendingEvents: (_: unknown, __: unknown, { db }: Context) => db.$count(outbox),
      slowPendingEvents: async (_: unknown, __: unknown, { db }: Context) => {
        await db.execute(sql`select pg_sleep(5)`);
        return db.$count(outbox);
      },
    },
  },
  publicFields: ["Query.pendingEvents", "Query.slowPendingEvents"],
  context: ({ db }, base) => ({ ...base, db }),
};

let cluster: PostgresCluster;
let nats: NatsServer;
let dataDir: string;
let subgraph: RunningSubgraph<Schema>;
const uncaught: unknown[] = [];
const record = (error: unknown) => void uncaught.push(error);

beforeAll(async () => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  [cluster, nats] = await Promise.all([startPostgresCluster(), startNatsServer()]);
  dataDir = mkdtempSync(join(tmpdir(), "kai-runtime-"));
  const env = serviceEnv.parse({
    NODE_ENV: "production",
    NATS_URL: nats.url,
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
  });
  const databaseUrl = new URL(cluster.url);
  databaseUrl.pathname = "/kai_progress";
  subgraph = await startSubgraphRuntime(probeSubgraph, {
    env: { ...env, HOST: "127.0.0.1", PORT: 0 },
    databaseUrl: databaseUrl.toString(),
  });
});

afterAll(async () => {
  await subgraph?.stop();
  await Promise.all([cluster?.dispose(), nats?.dispose()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});

interface GraphqlReply {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql(query: string): Promise<GraphqlReply> {
  const response = await fetch(subgraph.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as GraphqlReply;
}

async function readyStatus(): Promise<number> {
  const response = await fetch(new URL("/ready", subgraph.url));
  return response.status;
}

describe("a subgraph while its PostgreSQL restarts", () => {
  it("fails requests clearly, reports not ready without hanging, and recovers by itself", async () => {
    expect(await readyStatus()).toBe(200);
    const inFlight = graphql("{ slowPendingEvents }");
    // The request is in flight once its pg_sleep shows in pg_stat_activity; crash then.
    await waitFor(sleeping, { what: "the slow query running" });
    await cluster.crash();

    const failed = await inFlight;
    expect(failed.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(failed.errors?.[0]?.message).toMatch(/try again/);

    const started = performance.now();
    expect(await readyStatus()).toBe(503);
    expect(performance.now() - started).toBeLessThan(3_000);
    const duringOutage = await graphql("{ pendingEvents }");
    expect(duringOutage.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");

    await cluster.start();
    await waitFor(async () => ((await readyStatus()) === 200 ? true : undefined), {
      what: "/ready answering 200 again",
    });
    expect(await graphql("{ pendingEvents }")).toEqual({ data: { pendingEvents: 0 } });
    expect(uncaught).toEqual([]);
  });
});

/** Whether the slow resolver's query is running on the server (another connection asks). */
async function sleeping(): Promise<true | undefined> {
  const [row] = await subgraph.deps.db
    .select({ running: sql<number>`count(*)::int` })
    .from(sql`pg_stat_activity`)
    .where(sql`query like '%pg_sleep(5)%' and pid <> pg_backend_pid()`);
  return row && row.running > 0 ? true : undefined;
}
