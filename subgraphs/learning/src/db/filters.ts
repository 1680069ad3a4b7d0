import { eq, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * Restricts a query to one owner's rows; `undefined` (an admin) restricts nothing. A statement
 * built once takes the owner as a placeholder.
 */
export function ownedBy(
  column: PgColumn,
  ownerId: string | Placeholder | undefined,
): SQL | undefined {
  return ownerId === undefined ? undefined : eq(column, ownerId);
}
