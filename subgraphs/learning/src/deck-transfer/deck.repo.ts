import type { DbOrTx } from "@kai/db";
import { asc, inArray, sql } from "drizzle-orm";
import { type FlashcardRow, flashcards, type TopicRow, topics } from "../db/schema.ts";
import type { LearningSchema } from "../db/tables.ts";
import { subtreeIdsOf } from "../db/topic-tree.repo.ts";
import { NEW_CARD } from "../domain/sm2.ts";
import type { DeckCard } from "./deck-card.ts";
import { pathKey, pathsBelow } from "./deck-tree.ts";
import { importedMemory } from "./fsrs-memory.ts";

type Db = DbOrTx<LearningSchema>;

/** A topic and every topic under it. */
export async function findSubtree(db: Db, rootId: string): Promise<TopicRow[]> {
  return db
    .select()
    .from(topics)
    .where(sql`${topics.id} in ${subtreeIdsOf(rootId)}`)
    .orderBy(asc(topics.createdAt), asc(topics.id));
}

/** Up to `limit` cards of these topics, oldest first (the order they were made or imported). */
export async function findCardsOfTopics(
  db: Db,
  topicIds: readonly string[],
  limit: number,
): Promise<FlashcardRow[]> {
  if (topicIds.length === 0) return [];
  return db
    .select()
    .from(flashcards)
    .where(inArray(flashcards.topicId, [...topicIds]))
    .orderBy(asc(flashcards.createdAt), asc(flashcards.id))
    .limit(limit);
}

/**
 * Makes the import's topic tree: the root, then each path under its parent. Resolves to the
 * topic id of every path (by pathKey).
 */
export async function insertDeckTopics(
  db: Db,
  deck: { ownerId: string; rootName: string; paths: readonly string[][]; now: Date },
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const path of deck.paths) {
    const parentId = path.length === 0 ? null : (ids.get(pathKey(path.slice(0, -1))) ?? null);
    const [row] = await db
      .insert(topics)
      .values({
        ownerId: deck.ownerId,
        parentId,
        name: path.at(-1) ?? deck.rootName,
        createdAt: deck.now,
      })
      .returning({ id: topics.id });
    if (!row) throw new Error("insert into topics returned no row");
    ids.set(pathKey(path), row.id);
  }
  return ids;
}

/** The topic id of every path under an import's root, rebuilt from the stored tree. */
export async function deckTopicIds(db: Db, rootId: string): Promise<Map<string, string>> {
  const tree = await findSubtree(db, rootId);
  return new Map([...pathsBelow(rootId, tree)].map(([id, path]) => [pathKey(path), id]));
}

/** Inserts imported cards, with the schedule their file gave them or as new cards. */
export async function insertDeckCards(
  db: Db,
  batch: {
    ownerId: string;
    topicIds: Map<string, string>;
    cards: readonly DeckCard[];
    /** The cards' created_at, a millisecond apart from here, keeping the file's order. */
    firstCreatedAt: Date;
  },
): Promise<number> {
  if (batch.cards.length === 0) return 0;
  const rows = batch.cards.map((card, index) => {
    const topicId = batch.topicIds.get(pathKey(card.path));
    if (!topicId) throw new Error(`no topic for deck ${card.path.join("::")}`);
    const createdAt = new Date(batch.firstCreatedAt.getTime() + index);
    const { schedule } = card;
    return {
      ownerId: batch.ownerId,
      topicId,
      front: card.front,
      back: card.back,
      ...(schedule
        ? {
            repetitions: schedule.repetitions,
            interval: schedule.interval,
            easeFactor: schedule.easeFactor,
            nextReview: schedule.nextReview,
            lastReviewedAt: schedule.lastReviewedAt,
            fsrs: importedMemory(schedule),
          }
        : { ...NEW_CARD, nextReview: createdAt, lastReviewedAt: null }),
      createdAt,
    };
  });
  await db.insert(flashcards).values(rows);
  return rows.length;
}
