import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { runCommitHooks } from "./after-commit.ts";
import { ensureDatabaseExists } from "./ensure-database.ts";
import { DatabaseTracing, databaseAttributes, traceTransactions } from "./statement-spans.ts";
import type { Db } from "./types.ts";
import { withDeadline } from "./with-deadline.ts";

export interface OpenDatabaseOptions<S extends Record<string, unknown>> {
  /** A Postgres URL; without one the database is an embedded PGlite in `pgliteDir`. */
  url: string | undefined;
  /** Where the embedded database keeps its files. One process per directory: PGlite has no lock. */
  pgliteDir: string;
  /** drizzle-kit's output folder; every pending migration is applied before the service serves. */
  migrationsFolder: string;
  schema: S;
  /** Called for every SQL statement: tests count statements with it. */
  onQuery?: (query: string) => void;
  /** Pool size for a Postgres server. Default 10. */
  maxConnections?: number;
  /**
   * How long `ping` waits for its answer. Default 2 s: a readiness probe must answer before
   * the prober gives up, and a server that stopped answering would otherwise hold it for
   * postgres.js's 30 s connect timeout.
   */
  pingTimeoutMs?: number;
}

const DEFAULT_PING_TIMEOUT_MS = 2_000;

export interface Database<S extends Record<string, unknown>> {
  /**
   * Its transactions run the `afterCommit` hooks registered in them once they commit. Its
   * statements and transactions make spans under the active span (see statement-spans.ts).
   */
  db: Db<S>;
  /**
   * Resolves when a trivial query succeeds; rejects when it fails or does not answer within
   * `pingTimeoutMs`. Readiness probes use it. The pool needs no reopening after an outage:
   * postgres.js reconnects on the next query.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase<S extends Record<string, unknown>>(
  options: OpenDatabaseOptions<S>,
): Promise<Database<S>> {
  const tracing = new DatabaseTracing(databaseAttributes(options.url), options.onQuery);
  return options.url ? openServer(options.url, options, tracing) : openEmbedded(options, tracing);
}

/**
 * Seconds a closed connection waits before connecting again, by failed attempts in a row.
 * postgres.js's default grows to 10–20 s, so after a few seconds' outage the pool would sit
 * out up to 20 s of a server that is back, and queued queries with it. A refused connection
 * costs little, so retry quickly and never wait more than a second.
 */
const reconnectDelaySeconds = (failures: number) => Math.min(0.05 * 2 ** failures, 1);

async function openServer<S extends Record<string, unknown>>(
  url: string,
  options: OpenDatabaseOptions<S>,
  tracing: DatabaseTracing,
): Promise<Database<S>> {
  await ensureDatabaseExists(url);
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    backoff: reconnectDelaySeconds,
  });
  const db = drizzlePostgres(client, { schema: options.schema, logger: tracing });
  // Replicas starting together must not run the same migration twice.
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext('kai:migrations'))`;
    await migratePostgres(db, { migrationsFolder: options.migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(hashtext('kai:migrations'))`;
    lock.release();
  }
  return {
    db: runCommitHooks(traceTransactions(db as unknown as Db<S>, tracing)),
    ping: () => pingWithin(options, client`select 1`),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openEmbedded<S extends Record<string, unknown>>(
  options: OpenDatabaseOptions<S>,
  tracing: DatabaseTracing,
): Promise<Database<S>> {
  mkdirSync(options.pgliteDir, { recursive: true });
  const client = new PGlite(options.pgliteDir);
  const db = drizzlePglite(client, { schema: options.schema, logger: tracing });
  await migratePglite(db, { migrationsFolder: options.migrationsFolder });
  return {
    db: runCommitHooks(traceTransactions(db as unknown as Db<S>, tracing)),
    ping: () => pingWithin(options, db.execute(sql`select 1`)),
    close: () => client.close(),
  };
}

async function pingWithin(
  options: { pingTimeoutMs?: number },
  query: PromiseLike<unknown>,
): Promise<void> {
  const ms = options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  await withDeadline(Promise.resolve(query), ms, `database did not answer within ${ms} ms`);
}
