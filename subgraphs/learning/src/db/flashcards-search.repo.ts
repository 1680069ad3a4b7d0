import type { DbOrTx } from "@kai/db";
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { type FlashcardRow, flashcards } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;

/** What a card's search reads: its question and its answer. */
const flashcardDocument = sql`to_tsvector('english', ${flashcards.front} || ' ' || ${flashcards.back})`;

// websearch_to_tsquery never fails on user input (unbalanced quotes, stray operators).
const searchQuery = (query: string) => sql`websearch_to_tsquery('english', ${query})`;

const matching = (ownerId: string, query: string): SQL | undefined =>
  and(eq(flashcards.ownerId, ownerId), sql`${flashcardDocument} @@ ${searchQuery(query)}`);

/**
 * The owner's cards matching a web-search style query, best match first (ties: newer first),
 * `limit` of them after the first `skip`.
 */
export function searchFlashcards(
  db: Db,
  ownerId: string,
  page: { query: string; limit: number; skip: number },
): Promise<FlashcardRow[]> {
  return db
    .select()
    .from(flashcards)
    .where(matching(ownerId, page.query))
    .orderBy(
      desc(sql`ts_rank(${flashcardDocument}, ${searchQuery(page.query)})`),
      desc(flashcards.createdAt),
      desc(flashcards.id),
    )
    .limit(page.limit)
    .offset(page.skip);
}

export async function countFlashcardMatches(
  db: Db,
  ownerId: string,
  query: string,
): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(flashcards)
    .where(matching(ownerId, query));
  return row?.total ?? 0;
}
