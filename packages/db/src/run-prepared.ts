import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** Any drizzle query: `.prepare(name)` turns it into a statement to execute. */
interface Preparable<T> {
  prepare(name: string): PreparedStatement<T>;
}

/** A prepared drizzle query; `values` fill its `sql.placeholder`s by name. */
interface PreparedStatement<T> {
  execute(values?: Record<string, unknown>): Promise<T>;
}

/**
 * Runs a drizzle query as a prepared statement. postgres.js sends an unprepared statement with
 * parameters as two round trips (describe, then execute) and holds whatever is pipelined behind
 * it until both are back; a prepared one is described once per connection, so it is one round
 * trip and a transaction's statements sent together really go out together. For the hot paths:
 * a busy database turns each extra round trip into a wait of its own.
 *
 * The name is only drizzle's switch for "prepare": postgres.js keys its prepared statements by
 * their SQL text (so one query with IN lists of different lengths is several of them) and PGlite
 * ignores it, so one name serves every query.
 */
export function runPrepared<T>(query: Preparable<T>): Promise<T> {
  return query.prepare("kai").execute();
}

/** Which optional parts a statement has; each combination is SQL of its own. */
type Variant = Record<string, string | boolean>;

/**
 * Statements drizzle builds once per database and variant instead of once per call, their
 * values left as `sql.placeholder`s. Building a query (its SQL text and the checks drizzle
 * makes on every part) costs more CPU than its round trip for the reads a page load repeats,
 * so the reads behind the dashboard are built this way. A variant names the optional parts
 * present (a cursor, an owner filter), `{}` for a statement without any; it is keyed by its
 * values in order, so callers spell it in one order. A transaction counts as a database of
 * its own: its statements run on its connection.
 */
export function preparedOnce<D extends object, T, V extends Variant = Record<string, never>>(
  build: (db: D, variant: V) => Preparable<T>,
): (db: D, variant: V) => PreparedStatement<T> {
  const built = new WeakMap<D, Map<string, PreparedStatement<T>>>();
  return (db, variant) => {
    let statements = built.get(db);
    if (!statements) {
      statements = new Map();
      built.set(db, statements);
    }
    const key = Object.values(variant).join();
    let statement = statements.get(key);
    if (!statement) {
      statement = build(db, variant).prepare("kai");
      statements.set(key, statement);
    }
    return statement;
  };
}

/**
 * `column = any($n)`: a list as one placeholder, so lists of every length share a statement
 * built once (drizzle's `inArray` writes a parameter per element, each length its own SQL).
 */
export function oneOf(column: PgColumn, placeholder: string): SQL {
  return sql`${column} = any(${sql.placeholder(placeholder)})`;
}
