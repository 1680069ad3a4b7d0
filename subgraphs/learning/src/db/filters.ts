import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** Restricts a query to one owner's rows; `undefined` (an admin) restricts nothing. */
export function ownedBy(column: PgColumn, ownerId: string | undefined): SQL | undefined {
  return ownerId === undefined ? undefined : eq(column, ownerId);
}
