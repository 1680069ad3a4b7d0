import { and, eq, lt, or, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { KeysetCursor } from "./keyset-cursor.ts";

/** How a table's rows form lists: grouped by a parent (or owner) column, ordered by (createdAt, id). */
export interface ListColumns {
  parent: PgColumn;
  createdAt: PgColumn;
  id: PgColumn;
}

/**
 * Numbers each parent's rows in list order, so an outer query can cut many lists at one page
 * size in a single statement (one query serves a DataLoader batch of parents).
 */
export function positionInList(list: ListColumns, order: "oldest first" | "newest first") {
  const direction = order === "oldest first" ? sql`asc` : sql`desc`;
  return sql<number>`row_number() over (partition by ${list.parent} order by ${list.createdAt} ${direction}, ${list.id} ${direction})`.as(
    "position",
  );
}

/**
 * Rows strictly after the cursor in a newest-first (createdAt desc, id desc) list; a statement
 * built once takes the cursor as placeholders.
 */
export function olderThan(
  list: Omit<ListColumns, "parent">,
  cursor: KeysetCursor | { [K in keyof KeysetCursor]: Placeholder },
): SQL | undefined {
  return or(
    lt(list.createdAt, cursor.createdAt),
    and(eq(list.createdAt, cursor.createdAt), lt(list.id, cursor.id)),
  );
}
