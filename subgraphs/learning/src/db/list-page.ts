import { isUuid, type ListColumns } from "@kai/db";
import { and, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import { type PgTable, QueryBuilder } from "drizzle-orm/pg-core";

/**
 * One page of a list kept oldest first, in (createdAt, id) order. The cursor is a row id
 * rather than an opaque token: the lists are plain lists of objects that carry their ids, so
 * "the last id you have" is all a client needs to ask for the rest.
 */
export interface ListPage {
  /** Rows to return per parent. */
  first: number;
  /** The id of a row of the same list; the page holds the rows that follow it. */
  after: string | undefined;
}

/** A cursor that is not a uuid names no row (and Postgres would refuse to compare it). */
export function cursorNamesNoRow(page: ListPage): boolean {
  return page.after !== undefined && !isUuid(page.after);
}

/**
 * Rows strictly after the cursor row, by a row comparison with its (createdAt, id). The
 * position is read in SQL, not carried in the cursor: `created_at` holds microseconds that a
 * JavaScript Date would round off. The cursor is looked up (in an alias of the same table)
 * among the same parent's rows, so an id from another list matches nothing and that list's
 * page comes back empty rather than starting at some unrelated position.
 */
export function followingCursor(
  list: ListColumns,
  cursor: { table: PgTable; columns: ListColumns },
  cursorId: string | Placeholder,
): SQL {
  const at = cursor.columns;
  const position = new QueryBuilder()
    .select({ createdAt: at.createdAt, id: at.id })
    .from(cursor.table)
    .where(and(eq(at.id, cursorId), eq(at.parent, list.parent)));
  return sql`(${list.createdAt}, ${list.id}) > ${position}`;
}
