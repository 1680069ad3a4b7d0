import {
  type Attributes,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { DrizzleQueryError, type Logger } from "drizzle-orm";
import { PgPreparedQuery, type PgTransactionConfig } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./types.ts";

// OpenTelemetry's `pg` instrumentation does not see postgres.js, and postgres.js has no query
// hooks (porsager/postgres#461), so the spans are made here, in drizzle, which every Kai
// statement passes through whichever driver runs it.

const tracer = trace.getTracer("@kai/db");

/**
 * The drizzle logger of a database that `openDatabase` opens. It passes each statement on to
 * `onQuery`, and it is how a statement span learns which database it ran on: drizzle hands the
 * logger given to `drizzle()` to every prepared query, transactions' included.
 */
export class DatabaseTracing implements Logger {
  constructor(
    /** What every span of this database says about it: its system, name and server. */
    readonly attributes: Attributes,
    private readonly onQuery?: (query: string) => void,
  ) {}

  logQuery(query: string): void {
    this.onQuery?.(query);
  }
}

/** Span attributes of the database at `url`, or of the embedded PGlite database without one. */
export function databaseAttributes(url: string | undefined): Attributes {
  const system = { "db.system": "postgresql", "db.system.name": "postgresql" };
  // PGlite serves a single database, `postgres`.
  if (!url) return { ...system, "db.namespace": "postgres" };
  const { hostname, port, pathname } = new URL(url);
  return {
    ...system,
    "db.namespace": decodeURIComponent(pathname.slice(1)),
    "server.address": hostname.replace(/^\[(.*)\]$/, "$1"),
    "server.port": Number(port || 5432),
  };
}

/** The part of drizzle's prepared query the spans read; all of it is internal to drizzle. */
interface PreparedStatement {
  logger?: unknown;
  queryMetadata?: { tables: string[] };
  queryWithCache(
    statement: string,
    params: unknown[],
    run: () => Promise<unknown>,
  ): Promise<unknown>;
}

const prepared = PgPreparedQuery.prototype as unknown as PreparedStatement;
const runStatement = prepared.queryWithCache;
// Internal API: fail at start-up, where a drizzle upgrade's tests see it, not by losing spans.
if (typeof runStatement !== "function") {
  throw new Error(
    "drizzle-orm no longer runs statements through queryWithCache: @kai/db cannot trace them",
  );
}

/**
 * Every statement either driver runs goes through `queryWithCache`, which wraps just the
 * driver's call, so a span there times the statement and no result mapping. Statements with no
 * span active (migrations, pollers) make no span of their own: a trace per poll would bury the
 * traces worth reading. With tracing off no span is ever active, so a statement pays one lookup.
 */
prepared.queryWithCache = function (this: PreparedStatement, statement, params, run) {
  const database = this.logger;
  if (!(database instanceof DatabaseTracing) || !trace.getSpan(context.active())) {
    return runStatement.call(this, statement, params, run);
  }
  const span = startStatementSpan(database, statement, this.queryMetadata?.tables);
  return settle(span, runStatement.call(this, statement, params, run));
};

/**
 * A span per the OpenTelemetry database conventions. `db.query.text` is the statement as drizzle
 * sends it, with `$1`-style placeholders: parameter values, user data, stay out of traces.
 */
function startStatementSpan(
  database: DatabaseTracing,
  statement: string,
  tables: string[] | undefined,
): Span {
  // Drizzle writes lowercase SQL and hand-written SQL is often uppercase: one spelling groups them.
  const operation = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? "QUERY";
  const table = tables?.length === 1 ? tables[0] : undefined;
  return tracer.startSpan(`${operation} ${table ?? database.attributes["db.namespace"]}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      ...database.attributes,
      "db.operation.name": operation,
      "db.query.text": statement,
      ...(table ? { "db.collection.name": table } : {}),
    },
  });
}

/**
 * Wraps `db.transaction` in a span (BEGIN to COMMIT), so a transaction's statements hang
 * together under it. Savepoints (`tx.transaction`) get none: their statements join the outer one.
 */
export function traceTransactions<S extends Record<string, unknown>>(
  db: Db<S>,
  database: DatabaseTracing,
): Db<S> {
  const begin = db.transaction.bind(db);
  db.transaction = <T>(work: (tx: Tx<S>) => Promise<T>, config?: PgTransactionConfig) => {
    if (!trace.getSpan(context.active())) return begin(work, config);
    return tracer.startActiveSpan(
      "transaction",
      { kind: SpanKind.INTERNAL, attributes: database.attributes },
      (span) => settle(span, begin(work, config)),
    );
  };
  return db;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

async function settle<T>(span: Span, running: Promise<T>): Promise<T> {
  try {
    return await running;
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Marks the span failed with the error's class only: DrizzleQueryError's message lists the
 * parameters, and the server's messages quote values (`invalid input syntax for type uuid: "…"`).
 */
function markFailed(span: Span, error: unknown): void {
  const cause = error instanceof DrizzleQueryError ? error.cause : error;
  const { code, name } = (cause ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === "string" && SQLSTATE.test(code))
    span.setAttribute("db.response.status_code", code);
  span.setAttribute(
    "error.type",
    typeof code === "string" ? code : typeof name === "string" ? name : "_OTHER",
  );
  span.setStatus({ code: SpanStatusCode.ERROR });
}
