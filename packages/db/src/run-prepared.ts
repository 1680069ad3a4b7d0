/** Any drizzle query: `.prepare(name)` turns it into a statement to execute. */
interface Preparable<T> {
  prepare(name: string): { execute(): Promise<T> };
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
