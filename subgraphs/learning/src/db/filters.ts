import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The keys Postgres can compare with a uuid column. Any other id names nothing, so it is
 * dropped here rather than failing the whole batch with a cast error.
 */
export function uuidsOnly(keys: readonly string[]): string[] {
  return keys.filter((key) => UUID.test(key));
}

/** Restricts a query to one owner's rows; `undefined` (an admin) restricts nothing. */
export function ownedBy(column: PgColumn, ownerId: string | undefined): SQL | undefined {
  return ownerId === undefined ? undefined : eq(column, ownerId);
}
