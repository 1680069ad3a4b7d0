import {
  type DbOrTx,
  type KeysetCursor,
  type ListColumns,
  olderThan,
  oneOf,
  positionInList,
  preparedOnce,
  uuidsOnly,
} from "@kai/db";
import { and, arrayContains, count, eq, gt, lte, type SQL, sql } from "drizzle-orm";
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

/** Which of a filter's conditions a statement holds; their values are placeholders. */
type FilterVariant = { [K in keyof CaptureFilter]-?: boolean };

const filterVariant = (filter: CaptureFilter): FilterVariant => ({
  type: filter.type !== undefined,
  status: filter.status !== undefined,
  tag: filter.tag !== undefined,
  query: filter.query !== undefined,
});

const filterValues = ({ tag, ...filter }: CaptureFilter) => ({
  ...filter,
  tags: tag === undefined ? undefined : [tag],
});

// websearch_to_tsquery never fails on user input (unbalanced quotes, stray operators).
const searchQuery = sql`websearch_to_tsquery('english', ${sql.placeholder("query")})`;

function matching(filter: FilterVariant): SQL | undefined {
  return and(
    filter.type ? eq(captures.type, sql.placeholder("type")) : undefined,
    filter.status ? eq(captures.status, sql.placeholder("status")) : undefined,
    filter.tag ? arrayContains(captures.tags, sql.placeholder("tags")) : undefined,
    filter.query ? sql`${captures.search} @@ ${searchQuery}` : undefined,
  );
}

/** Each owner's matches numbered best first; ties go to the newer capture. */
const positionByRank = () =>
  sql<number>`row_number() over (partition by ${captures.ownerId} order by ts_rank(${captures.search}, ${searchQuery}) desc, ${captures.createdAt} desc, ${captures.id} desc)`.as(
    "position",
  );

const list: ListColumns = {
  parent: captures.ownerId,
  createdAt: captures.createdAt,
  id: captures.id,
};

const pageStatement = preparedOnce(
  (db: DbOrTx<CapturesSchema>, variant: FilterVariant & { after: boolean }) => {
    const ranked = db
      .select({
        ...captureListColumns,
        position: variant.query ? positionByRank() : positionInList(list, "newest first"),
      })
      .from(captures)
      .where(
        and(
          oneOf(captures.ownerId, "owners"),
          matching(variant),
          variant.after
            ? olderThan(list, {
                createdAt: sql.placeholder("afterCreatedAt"),
                id: sql.placeholder("afterId"),
              })
            : undefined,
        ),
      )
      .as("ranked");
    const { position, ...columns } = ranked._.selectedFields;
    return db
      .select(columns)
      .from(ranked)
      .where(and(gt(position, sql.placeholder("skip")), lte(position, sql.placeholder("last"))))
      .orderBy(ranked.ownerId, position);
  },
);

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
  const variant = { ...filterVariant(page.filter), after: page.after !== undefined };
  return pageStatement(db, variant).execute({
    ...filterValues(page.filter),
    owners,
    // A placeholder's value skips the column's encoder: the timestamp goes as drizzle sends it.
    afterCreatedAt: page.after?.createdAt.toISOString(),
    afterId: page.after?.id,
    skip: page.skip,
    last: page.skip + page.limit,
  });
}

const countStatement = preparedOnce((db: DbOrTx<CapturesSchema>, variant: FilterVariant) =>
  db
    .select({ ownerId: captures.ownerId, total: count() })
    .from(captures)
    .where(and(oneOf(captures.ownerId, "owners"), matching(variant)))
    .groupBy(captures.ownerId),
);

/** How many captures match the filter, per owner; owners with none are left out. */
export function countCaptures(
  db: DbOrTx<CapturesSchema>,
  ownerIds: readonly string[],
  filter: CaptureFilter,
): Promise<{ ownerId: string; total: number }[]> {
  const owners = uuidsOnly(ownerIds);
  if (owners.length === 0) return Promise.resolve([]);
  return countStatement(db, filterVariant(filter)).execute({ ...filterValues(filter), owners });
}
