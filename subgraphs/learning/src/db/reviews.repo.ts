import { type DbOrTx, type ListColumns, positionInList, runPrepared, uuidsOnly } from "@kai/db";
import { and, asc, count, eq, getTableColumns, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ownedBy } from "./filters.ts";
import { cursorNamesNoRow, followingCursor, type ListPage } from "./list-page.ts";
import { flashcards, type ReviewRow, reviews } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;
type NewReview = typeof reviews.$inferInsert;

export async function insertReview(db: Db, review: NewReview): Promise<void> {
  await runPrepared(db.insert(reviews).values(review));
}

/** A card's whole log, oldest first, to rebuild its FSRS memory from. */
export async function findReviewLog(
  db: Db,
  flashcardId: string,
): Promise<Pick<ReviewRow, "quality" | "reviewedAt">[]> {
  return runPrepared(
    db
      .select({ quality: reviews.quality, reviewedAt: reviews.reviewedAt })
      .from(reviews)
      .where(eq(reviews.flashcardId, flashcardId))
      .orderBy(asc(reviews.reviewedAt), asc(reviews.id)),
  );
}

const reviewList: ListColumns = {
  parent: reviews.flashcardId,
  createdAt: reviews.reviewedAt,
  id: reviews.id,
};
const cursorReview = alias(reviews, "cursor");
const cursorReviewList: ListColumns = {
  parent: cursorReview.flashcardId,
  createdAt: cursorReview.reviewedAt,
  id: cursorReview.id,
};

/**
 * The same page of several cards' review logs in one statement, oldest first. Rows come back
 * grouped by card, in page order.
 */
export async function findReviewPages(
  db: Db,
  flashcardIds: readonly string[],
  page: ListPage,
  ownerId: string | undefined,
): Promise<ReviewRow[]> {
  const keys = uuidsOnly(flashcardIds);
  if (keys.length === 0 || cursorNamesNoRow(page)) return [];
  const cursor = { table: cursorReview, columns: cursorReviewList };
  const ranked = db
    .select({ ...getTableColumns(reviews), position: positionInList(reviewList, "oldest first") })
    .from(reviews)
    .where(
      and(
        inArray(reviews.flashcardId, keys),
        ownedBy(reviews.ownerId, ownerId),
        page.after ? followingCursor(reviewList, cursor, page.after) : undefined,
      ),
    )
    .as("ranked");
  const { position, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(position, page.first))
    .orderBy(ranked.flashcardId, ranked.reviewedAt, ranked.id);
}

export async function findReviewsByIds(
  db: Db,
  ids: readonly string[],
  ownerId: string | undefined,
): Promise<ReviewRow[]> {
  const keys = uuidsOnly(ids);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(reviews)
    .where(and(inArray(reviews.id, keys), ownedBy(reviews.ownerId, ownerId)));
}

/** Per owner: reviews since `since`, and how many of them recalled the card (quality ≥ 3). */
export async function reviewTotalsByOwnerIds(
  db: Db,
  ownerIds: readonly string[],
  since: Date,
): Promise<{ ownerId: string; reviews: number; recalled: number }[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  return db
    .select({
      ownerId: reviews.ownerId,
      reviews: count(),
      recalled: sql<number>`(count(*) filter (where ${reviews.quality} >= 3))::int`,
    })
    .from(reviews)
    .where(and(inArray(reviews.ownerId, keys), gte(reviews.reviewedAt, since)))
    .groupBy(reviews.ownerId);
}

/**
 * Per owner and UTC day: how many cards fall due that day, for days before `until`. Overdue
 * cards come back under their past days; the forecast counts them as due today.
 */
export async function dueCountsByDay(
  db: Db,
  ownerIds: readonly string[],
  until: Date,
): Promise<{ ownerId: string; date: string; count: number }[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  const day = sql<string>`to_char(${flashcards.nextReview} at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .select({ ownerId: flashcards.ownerId, date: day, count: count() })
    .from(flashcards)
    .where(and(inArray(flashcards.ownerId, keys), lt(flashcards.nextReview, until)))
    .groupBy(flashcards.ownerId, day);
}

/** Per owner since `since`: first reviews of cards (new cards) and reviews of cards already seen. */
export async function reviewsSinceByOwnerIds(
  db: Db,
  ownerIds: readonly string[],
  since: Date,
): Promise<{ ownerId: string; newCards: number; reviews: number }[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  return db
    .select({
      ownerId: reviews.ownerId,
      newCards: sql<number>`(count(*) filter (where ${reviews.wasNew}))::int`,
      reviews: sql<number>`(count(*) filter (where not ${reviews.wasNew}))::int`,
    })
    .from(reviews)
    .where(and(inArray(reviews.ownerId, keys), gte(reviews.reviewedAt, since)))
    .groupBy(reviews.ownerId);
}
