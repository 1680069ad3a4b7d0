import {
  type DbOrTx,
  type KeysetCursor,
  type ListColumns,
  olderThan,
  positionInList,
  runPrepared,
  uuidsOnly,
} from "@kai/db";
import { and, arrayContains, count, eq, gt, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { CaptureFilter } from "../domain/capture-input.ts";
import { type CaptureListRow, captureListColumns, captures } from "./schema.ts";
import type { CapturesSchema } from "./tables.ts";

export interface PageQuery {
  /** Rows to return per owner; ask for one more than the page to learn if another follows. */
  limit: number;
  after: KeysetCursor | undefined;
  /** Ranked search pages start after this many best matches (newest-first pages use `after`). */
  skip: number;
  filter: CaptureFilter;
}

// websearch_to_tsquery never fails on user input (unbalanced quotes, stray operators).
const searchQuery = (query: string) => sql`websearch_to_tsquery('english', ${query})`;

function matching(filter: CaptureFilter): SQL | undefined {
  return and(
    filter.type ? eq(captures.type, filter.type) : undefined,
    filter.status ? eq(captures.status, filter.status) : undefined,
    filter.tag ? arrayContains(captures.tags, [filter.tag]) : undefined,
    filter.query ? sql`${captures.search} @@ ${searchQuery(filter.query)}` : undefined,
  );
}

/** Each owner's matches numbered best first; ties go to the newer capture. */
function positionByRank(query: string) {
  return sql<number>`row_number() over (partition by ${captures.ownerId} order by ts_rank(${captures.search}, ${searchQuery(query)}) desc, ${captures.createdAt} desc, ${captures.id} desc)`.as(
    "position",
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
): Promise<CaptureListRow[]> {
  const owners = uuidsOnly(ownerIds);
  if (owners.length === 0) return [];
  const query = page.filter.query;
  const ranked = db
    .select({
      ...captureListColumns,
      position: query ? positionByRank(query) : positionInList(list, "newest first"),
    })
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
  return runPrepared(
    db
      .select(columns)
      .from(ranked)
      .where(and(gt(position, page.skip), lte(position, page.skip + page.limit)))
      .orderBy(ranked.ownerId, position),
  );
}

/** How many captures match the filter, per owner; owners with none are left out. */
export function countCaptures(
  db: DbOrTx<CapturesSchema>,
  ownerIds: readonly string[],
  filter: CaptureFilter,
): Promise<{ ownerId: string; total: number }[]> {
  const owners = uuidsOnly(ownerIds);
  if (owners.length === 0) return Promise.resolve([]);
  return runPrepared(
    db
      .select({ ownerId: captures.ownerId, total: count() })
      .from(captures)
      .where(and(inArray(captures.ownerId, owners), matching(filter)))
      .groupBy(captures.ownerId),
  );
}
