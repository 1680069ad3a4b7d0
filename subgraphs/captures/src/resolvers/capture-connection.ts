import { encodeCursor, encodeOffsetCursor } from "@kai/db";
import { parseInput } from "@kai/service";
import type { CapturesContext } from "../context.ts";
import type { CaptureRow } from "../db/schema.ts";
import { type CaptureFilter, pageArgs } from "../domain/capture-input.ts";
import type {
  CaptureConnectionResolvers,
  QueryCapturesArgs,
  UserCapturesArgs,
} from "../generated/graphql.ts";

/** A loaded page; `totalCount` is only counted when a client asks for it. */
export interface CapturePage {
  ownerId: string;
  filter: CaptureFilter;
  rows: CaptureRow[];
  /** Matches before this page, when it is a ranked search page. */
  skip: number;
  hasNextPage: boolean;
}

/** Newest-first pages continue after a row; ranked search pages after a count of matches. */
function cursorOf(page: CapturePage, index: number, row: CaptureRow): string {
  return page.filter.query ? encodeOffsetCursor(page.skip + index + 1) : encodeCursor(row);
}

/** Reads `first`, `after` and `filter` and loads that page of the owner's captures. */
export async function loadCapturePage(
  ctx: CapturesContext,
  ownerId: string,
  args: QueryCapturesArgs | UserCapturesArgs,
): Promise<CapturePage> {
  const { first, after, skip, filter } = parseInput(pageArgs, args);
  // One row beyond the page tells whether another page follows, without a count.
  const rows = await ctx.loaders
    .capturePage({ limit: first + 1, after, skip, filter })
    .load(ownerId);
  return { ownerId, filter, rows: rows.slice(0, first), skip, hasNextPage: rows.length > first };
}

export const CaptureConnection: CaptureConnectionResolvers = {
  edges: (page) => page.rows.map((node, index) => ({ cursor: cursorOf(page, index, node), node })),
  pageInfo: (page) => {
    const last = page.rows.at(-1);
    return {
      hasNextPage: page.hasNextPage,
      endCursor: last ? cursorOf(page, page.rows.length - 1, last) : null,
    };
  },
  totalCount: async (page, _, ctx) =>
    (await ctx.loaders.captureCount(page.filter).load(page.ownerId))?.total ?? 0,
};
