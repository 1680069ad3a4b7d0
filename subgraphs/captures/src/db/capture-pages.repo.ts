import {
  type DbOrTx,
  type KeysetCursor,
  type ListColumns,
  olderThan,
  positionInList,
  uuidsOnly,
} from "@kai/db";
import {
  and,
  arrayContains,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  lte,
  type SQL,
} from "drizzle-orm";
import type { CaptureFilter } from "../domain/capture-input.ts";
import { type CaptureRow, captures } from "./schema.ts";
import type { CapturesSchema } from "./tables.ts";

export interface PageQuery {
  /** Rows to return per owner; ask for one more than the page to learn if another follows. */
  limit: number;
  after: KeysetCursor | undefined;
  filter: CaptureFilter;
}

function matching(filter: CaptureFilter): SQL | undefined {
  return and(
    filter.type ? eq(captures.type, filter.type) : undefined,
    filter.status ? eq(captures.status, filter.status) : undefined,
    filter.tag ? arrayContains(captures.tags, [filter.tag]) : undefined,
  );
}

const list: ListColumns = {
  parent: captures.ownerId,
  createdAt: captures.createdAt,
  id: captures.id,
};

/**
 * The same page of several owners' captures in one statement: each owner's rows are
 * numbered newest first and cut at `limit`. Rows come back grouped by owner, in page order.
 */
export async function findCapturePages(
  db: DbOrTx<CapturesSchema>,
  ownerIds: readonly string[],
  page: PageQuery,
): Promise<CaptureRow[]> {
  const owners = uuidsOnly(ownerIds);
  if (owners.length === 0) return [];
  const ranked = db
    .select({ ...getTableColumns(captures), position: positionInList(list, "newest first") })
    .from(captures)
    .where(
      and(
        inArray(captures.ownerId, owners),
        matching(page.filter),
        page.after ? olderThan(list, page.after) : undefined,
      ),
    )
    .as("ranked");
  const { position, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(position, page.limit))
    .orderBy(ranked.ownerId, desc(ranked.createdAt), desc(ranked.id));
}

/** How many captures match the filter, per owner; owners with none are left out. */
export function countCaptures(
  db: DbOrTx<CapturesSchema>,
  ownerIds: readonly string[],
  filter: CaptureFilter,
): Promise<{ ownerId: string; total: number }[]> {
  const owners = uuidsOnly(ownerIds);
  if (owners.length === 0) return Promise.resolve([]);
  return db
    .select({ ownerId: captures.ownerId, total: count() })
    .from(captures)
    .where(and(inArray(captures.ownerId, owners), matching(filter)))
    .groupBy(captures.ownerId);
}
