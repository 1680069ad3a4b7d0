import { encodeCursor, encodeOffsetCursor } from "@kai/db";
import { parseInput } from "@kai/service";
import type { CapturesContext } from "../context.ts";
import type { PageQuery } from "../db/capture-pages.repo.ts";
import type { CaptureListRow } from "../db/schema.ts";
import { pageArgs } from "../domain/capture-input.ts";
import type {
  CaptureConnectionResolvers,
  QueryCapturesArgs,
  UserCapturesArgs,
} from "../generated/graphql.ts";

/**
 * A page asked for but not yet loaded: each field of the connection loads what it reads, so
 * the rows and `totalCount` (counted only when a client asks for it) start together, in
 * two statements at once rather than one after the other. The loaders load each only once.
 */
export interface CapturePage {
  ownerId: string;
  /** Asks one row beyond the page: it tells whether another page follows, without a count. */
  query: PageQuery;
}

/** Reads `first`, `after` and `filter`; refuses bad input before anything is loaded. */
export function capturePage(
  ownerId: string,
  args: QueryCapturesArgs | UserCapturesArgs,
): CapturePage {
  const { first, after, skip, filter } = parseInput(pageArgs, args);
  return { ownerId, query: { limit: first + 1, after, skip, filter } };
}

async function pageRows(ctx: CapturesContext, page: CapturePage) {
  const rows = await ctx.loaders.capturePage(page.query).load(page.ownerId);
  const first = page.query.limit - 1;
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}

/** Newest-first pages continue after a row; ranked search pages after a count of matches. */
function cursorOf(page: CapturePage, index: number, row: CaptureListRow): string {
  return page.query.filter.query
    ? encodeOffsetCursor(page.query.skip + index + 1)
    : encodeCursor(row);
}

export const CaptureConnection: CaptureConnectionResolvers = {
  edges: async (page, _, ctx) => {
    const { rows } = await pageRows(ctx, page);
    return rows.map((node, index) => ({ cursor: cursorOf(page, index, node), node }));
  },
  pageInfo: async (page, _, ctx) => {
    const { rows, hasNextPage } = await pageRows(ctx, page);
    const last = rows.at(-1);
    return { hasNextPage, endCursor: last ? cursorOf(page, rows.length - 1, last) : null };
  },
  totalCount: async (page, _, ctx) =>
    (await ctx.loaders.captureCount(page.query.filter).load(page.ownerId))?.total ?? 0,
};
