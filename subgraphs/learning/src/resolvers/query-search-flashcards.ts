import { decodeOffsetCursor, encodeOffsetCursor } from "@kai/db";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { countFlashcardMatches, searchFlashcards } from "../db/flashcards-search.repo.ts";
import type { FlashcardRow } from "../db/schema.ts";
import type { FlashcardSearchResolvers, QueryResolvers } from "../generated/graphql.ts";
import { MAX_PAGE_SIZE, text } from "./inputs.ts";

export const MAX_QUERY_LENGTH = 200;
const PAGE_SIZE = `must be between 1 and ${MAX_PAGE_SIZE}`;

const searchArgs = z.object({
  query: text(MAX_QUERY_LENGTH),
  first: z
    .number({ error: PAGE_SIZE })
    .int(PAGE_SIZE)
    .min(1, PAGE_SIZE)
    .max(MAX_PAGE_SIZE, PAGE_SIZE),
  after: z
    .string()
    .nullish()
    .transform((cursor, ctx) => {
      if (cursor == null) return 0;
      const skip = decodeOffsetCursor(cursor);
      if (skip === undefined) {
        ctx.addIssue({ code: "custom", message: "is not a cursor of this search" });
        return z.NEVER;
      }
      return skip;
    }),
});

/** A loaded page of search results; `totalCount` is only counted when a client asks for it. */
export interface FlashcardSearchPage {
  ownerId: string;
  query: string;
  skip: number;
  rows: FlashcardRow[];
  hasNextPage: boolean;
}

export const searchFlashcardsQuery: QueryResolvers["searchFlashcards"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { query, first, after: skip } = parseInput(searchArgs, args);
  // One row beyond the page tells whether another page follows, without a count.
  const rows = await searchFlashcards(ctx.db, viewer.id, { query, limit: first + 1, skip });
  return {
    ownerId: viewer.id,
    query,
    skip,
    rows: rows.slice(0, first),
    hasNextPage: rows.length > first,
  };
};

export const FlashcardSearch: FlashcardSearchResolvers = {
  edges: (page) =>
    page.rows.map((node, index) => ({ cursor: encodeOffsetCursor(page.skip + index + 1), node })),
  pageInfo: (page) => ({
    hasNextPage: page.hasNextPage,
    endCursor: page.rows.length > 0 ? encodeOffsetCursor(page.skip + page.rows.length) : null,
  }),
  totalCount: (page, _, ctx) => countFlashcardMatches(ctx.db, page.ownerId, page.query),
};
