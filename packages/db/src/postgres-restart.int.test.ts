import { type PostgresCluster, startPostgresCluster, waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable.ts";
import { type Database, openDatabase } from "./open-database.ts";
import { freezeServer } from "./testing/freeze-server.ts";
import { type ProbeSchema, probeSchema } from "./testing/probe-schema.ts";
import { startTransactionLoad } from "./testing/transaction-load.ts";

const DATABASE = "kai_restart";
const POOL_SIZE = 4;
const PING_TIMEOUT_MS = 500;

let cluster: PostgresCluster;
let database: Database<ProbeSchema>;
// Anything thrown where no caller can catch it (postgres.js 3.4.9 threw from a setImmediate
// when a transaction's connection died) lands here instead of passing unnoticed.
const uncaught: unknown[] = [];
const record = (error: unknown) => void uncaught.push(error);

beforeAll(async () => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  cluster = await startPostgresCluster();
  const url = new URL(cluster.url);
  url.pathname = `/${DATABASE}`;
  database = await openDatabase({
    url: url.toString(),
    pgliteDir: "",
    migrationsFolder: new URL("./testing/migrations", import.meta.url).pathname,
    schema: probeSchema,
    maxConnections: POOL_SIZE,
    pingTimeoutMs: PING_TIMEOUT_MS,
  });
});

afterAll(async () => {
  await database?.close();
  await cluster?.dispose();
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});

/** A waitFor probe that also ends the wait on an uncaught error, so the test reports that error. */
const until = (condition: () => boolean) => () =>
  condition() || uncaught.length > 0 ? true : undefined;

describe("a PostgreSQL restart", () => {
  it("fails the transactions in flight with catchable errors, and the pool serves again after", async () => {
    const load = startTransactionLoad(database.db, POOL_SIZE + 2);
    let before = 0;
    try {
      await waitFor(
        until(() => load.committed >= 20),
        { what: "load running" },
      );
      await cluster.crash();
      await waitFor(
        until(() => load.failures.length >= POOL_SIZE),
        { what: "in-flight transactions failing" },
      );
      await cluster.start();
      before = load.committed;
      await waitFor(
        until(() => load.committed >= before + 20),
        { what: "transactions committing again without reopening the pool" },
      );
    } finally {
      // A connection left broken would hold its worker forever; the assertions say why.
      await Promise.race([load.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    expect(uncaught).toEqual([]);
    expect(load.committed).toBeGreaterThanOrEqual(before + 20);
    const unclear = load.failures.filter((error) => !isDatabaseUnavailable(error));
    expect(unclear).toEqual([]);
  });

  it("pings fail at once while the server is down and succeed once it is back", async () => {
    await database.ping();
    await cluster.crash();
    try {
      const started = performance.now();
      const failure = await database.ping().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect(performance.now() - started).toBeLessThan(PING_TIMEOUT_MS);
    } finally {
      await cluster.start();
    }
    await waitFor(() => database.ping().then(() => true), { what: "ping answering again" });
    expect(uncaught).toEqual([]);
  });

  it("a ping gives up on a server that accepts connections but answers nothing", async () => {
    await database.ping();
    const thaw = await freezeServer(cluster.url, DATABASE);
    try {
      const started = performance.now();
      await expect(database.ping()).rejects.toThrow(/did not answer/);
      expect(performance.now() - started).toBeLessThan(PING_TIMEOUT_MS + 1_000);
    } finally {
      thaw();
    }
    await waitFor(() => database.ping().then(() => true), { what: "ping answering again" });
    expect(uncaught).toEqual([]);
  });
});
