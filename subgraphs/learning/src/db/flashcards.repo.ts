import {
  type DbOrTx,
  type ListColumns,
  oneOf,
  positionInList,
  preparedOnce,
  runPrepared,
  uuidsOnly,
} from "@kai/db";
import {
  and,
  asc,
  count,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { NEW_CARD } from "../domain/sm2.ts";
import { ownedBy } from "./filters.ts";
import { cursorNamesNoRow, followingCursor, type ListPage } from "./list-page.ts";
import { type FlashcardRow, flashcards, topics } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;

/** What a review changes on a card. */
export type Schedule = Pick<
  FlashcardRow,
  "repetitions" | "interval" | "easeFactor" | "nextReview" | "lastReviewedAt" | "fsrs"
>;

export async function findFlashcardsByIds(
  db: Db,
  ids: readonly string[],
  ownerId: string | undefined,
): Promise<FlashcardRow[]> {
  const keys = uuidsOnly(ids);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(flashcards)
    .where(and(inArray(flashcards.id, keys), ownedBy(flashcards.ownerId, ownerId)));
}

const cardList: ListColumns = {
  parent: flashcards.topicId,
  createdAt: flashcards.createdAt,
  id: flashcards.id,
};
const cursorCard = alias(flashcards, "cursor");
const cursorCardList: ListColumns = {
  parent: cursorCard.topicId,
  createdAt: cursorCard.createdAt,
  id: cursorCard.id,
};

/**
 * Which card lists a page batch reads: topics' cards by topic id, or by capture id the cards
 * of the topic made from each capture (at most one, topics_capture_idx), joined in the same
 * statement so a capture's cards need no topic lookup first.
 */
export type CardListKey = "topicId" | "captureId";

/** A listed card with the key of the list it was asked for, for the loader to group by. */
export type ListedCard = FlashcardRow & { listKey: string };

/** What a card page statement holds beside its list key: a cursor, an owner filter. */
type CardPageVariant = { by: CardListKey; after: boolean; owned: boolean };

const cardPageStatement = preparedOnce((db: Db, variant: CardPageVariant) => {
  const key = variant.by === "topicId" ? flashcards.topicId : topics.captureId;
  const cards = db
    .select({
      ...getTableColumns(flashcards),
      // Aliased: selecting topic_id twice would make the outer query's reference ambiguous.
      listKey: sql<string>`${key}`.as("list_key"),
      position: positionInList(cardList, "oldest first"),
    })
    .from(flashcards)
    .$dynamic();
  const ranked = (
    variant.by === "captureId" ? cards.innerJoin(topics, eq(topics.id, flashcards.topicId)) : cards
  )
    .where(
      and(
        oneOf(key, "keys"),
        ownedBy(flashcards.ownerId, variant.owned ? sql.placeholder("ownerId") : undefined),
        variant.after
          ? followingCursor(
              cardList,
              { table: cursorCard, columns: cursorCardList },
              sql.placeholder("after"),
            )
          : undefined,
      ),
    )
    .as("ranked");
  const { position, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(position, sql.placeholder("first")))
    .orderBy(ranked.topicId, ranked.createdAt, ranked.id);
});

/**
 * The same page of several lists' cards in one statement: each topic's cards are numbered
 * oldest first and cut at `first`. Rows come back grouped by topic, in page order.
 */
export async function findFlashcardPages(
  db: Db,
  by: CardListKey,
  keys: readonly string[],
  page: ListPage,
  ownerId: string | undefined,
): Promise<ListedCard[]> {
  const ids = uuidsOnly(keys);
  if (ids.length === 0 || cursorNamesNoRow(page)) return [];
  const variant = { by, after: page.after !== undefined, owned: ownerId !== undefined };
  return cardPageStatement(db, variant).execute({
    keys: ids,
    ownerId,
    after: page.after,
    first: page.first,
  });
}

export async function countFlashcardsByTopicIds(
  db: Db,
  topicIds: readonly string[],
  ownerId: string | undefined,
): Promise<{ topicId: string; count: number }[]> {
  const keys = uuidsOnly(topicIds);
  if (keys.length === 0) return [];
  return db
    .select({ topicId: flashcards.topicId, count: count() })
    .from(flashcards)
    .where(and(inArray(flashcards.topicId, keys), ownedBy(flashcards.ownerId, ownerId)))
    .groupBy(flashcards.topicId);
}

/**
 * One owner's due cards at `now`: how many, and the ids of the soonest `limit` of them. One
 * statement: the count is a window over every due row, taken before the limit cuts them.
 */
export async function findDueCards(
  db: Db,
  ownerId: string,
  now: Date,
  limit: number,
): Promise<{ count: number; ids: string[] }> {
  const rows = await runPrepared(
    db
      .select({ id: flashcards.id, count: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(flashcards)
      .where(and(eq(flashcards.ownerId, ownerId), lte(flashcards.nextReview, now)))
      .orderBy(asc(flashcards.nextReview), asc(flashcards.id))
      .limit(limit),
  );
  return { count: rows[0]?.count ?? 0, ids: rows.map((row) => row.id) };
}

export async function countDueFlashcards(
  db: Db,
  ownerIds: readonly string[],
  now: Date,
): Promise<{ ownerId: string; count: number }[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  return db
    .select({ ownerId: flashcards.ownerId, count: count() })
    .from(flashcards)
    .where(and(inArray(flashcards.ownerId, keys), lte(flashcards.nextReview, now)))
    .groupBy(flashcards.ownerId);
}

/** Inserts cards into one topic, each new to SM-2 and due at once. */
export async function insertNewFlashcards(
  db: Db,
  deck: {
    ownerId: string;
    topicId: string;
    cards: readonly { front: string; back: string }[];
    now: Date;
  },
): Promise<FlashcardRow[]> {
  if (deck.cards.length === 0) return [];
  const schedule = { ...NEW_CARD, nextReview: deck.now, lastReviewedAt: null };
  return db
    .insert(flashcards)
    .values(
      deck.cards.map(({ front, back }, index) => ({
        ...schedule,
        ownerId: deck.ownerId,
        topicId: deck.topicId,
        front,
        back,
        // A millisecond apart, so "oldest first" keeps the deck in the order it was made.
        createdAt: new Date(deck.now.getTime() + index),
      })),
    )
    .returning();
}

/** Locks the card, so two reviews of it at once apply one after the other. */
export async function findFlashcardForUpdate(
  db: Db,
  id: string,
  ownerId: string | undefined,
): Promise<FlashcardRow | undefined> {
  const [key] = uuidsOnly([id]);
  if (!key) return undefined;
  const [row] = await runPrepared(
    db
      .select()
      .from(flashcards)
      .where(and(eq(flashcards.id, key), ownedBy(flashcards.ownerId, ownerId)))
      .for("update"),
  );
  return row;
}

export async function updateSchedule(
  db: Db,
  id: string,
  schedule: Schedule,
): Promise<FlashcardRow> {
  const [row] = await runPrepared(
    db.update(flashcards).set(schedule).where(eq(flashcards.id, id)).returning(),
  );
  if (!row) throw new Error(`flashcard ${id} vanished while locked`);
  return row;
}

/** A card is newly due once its review time has passed since the scheduler last announced it. */
const newlyDue = (now: Date) =>
  and(
    lte(flashcards.nextReview, now),
    or(isNull(flashcards.dueNotifiedAt), lt(flashcards.dueNotifiedAt, flashcards.nextReview)),
  );

/** Owners with cards that became due and have not been announced, at most `limit` of them. */
export async function findOwnersWithNewlyDueCards(
  db: Db,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ownerId: flashcards.ownerId })
    .from(flashcards)
    .where(newlyDue(now))
    .limit(limit);
  return rows.map((row) => row.ownerId);
}

export async function markDueAnnounced(
  db: Db,
  ownerIds: readonly string[],
  now: Date,
): Promise<void> {
  await db
    .update(flashcards)
    .set({ dueNotifiedAt: now })
    .where(and(inArray(flashcards.ownerId, [...ownerIds]), newlyDue(now)));
}

export async function updateFlashcardText(
  db: Db,
  id: string,
  text: Partial<Pick<FlashcardRow, "front" | "back">>,
): Promise<FlashcardRow> {
  const [row] = await db.update(flashcards).set(text).where(eq(flashcards.id, id)).returning();
  if (!row) throw new Error(`flashcard ${id} vanished while locked`);
  return row;
}

/** Deletes the card; its review log goes with it (foreign key cascade). */
export async function deleteFlashcardById(db: Db, id: string): Promise<void> {
  await db.delete(flashcards).where(eq(flashcards.id, id));
}

/** A due card, and whether it was never reviewed: new cards and reviews have separate limits. */
export type DueCard = FlashcardRow & { isNew: boolean };

/**
 * Each owner's due cards at `now`, the first `limit` new ones and the first `limit` seen ones,
 * soonest first, for all owners in one statement; only cards under `topicIds` when given.
 * The daily limits then pick from these (domain/study-queue.ts).
 */
export async function findDueCardsByKind(
  db: Db,
  ownerIds: readonly string[],
  now: Date,
  limit: number,
  topicIds?: SQL,
): Promise<DueCard[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  const isNew = sql<boolean>`(${flashcards.lastReviewedAt} is null)`;
  const ranked = db
    .select({
      ...getTableColumns(flashcards),
      isNew: isNew.as("is_new"),
      rank: sql<number>`row_number() over (partition by ${flashcards.ownerId}, ${isNew} order by ${flashcards.nextReview}, ${flashcards.id})`.as(
        "rank",
      ),
    })
    .from(flashcards)
    .where(
      and(
        inArray(flashcards.ownerId, keys),
        lte(flashcards.nextReview, now),
        topicIds ? inArray(flashcards.topicId, topicIds) : undefined,
      ),
    )
    .as("ranked");
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, limit))
    .orderBy(asc(ranked.nextReview), asc(ranked.id));
  return rows.map(({ rank: _rank, ...card }) => card);
}
