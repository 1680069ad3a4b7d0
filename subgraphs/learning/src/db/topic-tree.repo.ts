import type { DbOrTx } from "@kai/db";
import { and, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import { flashcards, type TopicRow, topics } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";
import { findTopicForUpdate, findTopicsByIds } from "./topics.repo.ts";

type Db = DbOrTx<LearningSchema>;

/**
 * Serializes changes to one owner's topic tree for the rest of the transaction. Two moves at
 * once could each pass the cycle check and together make a loop (A under B, B under A); a
 * lock per owner makes them take turns without holding up anyone else.
 */
async function lockTopicTree(db: Db, ownerId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${ownerId}, 0))`);
}

/** The ids of a topic and every topic under it, at any depth, as a parenthesized subquery. */
export function subtreeIdsOf(rootId: string): SQL {
  return sql`(
    with recursive tree(id) as (
      select id from topics where id = ${rootId}
      union all
      select child.id from topics as child join tree on child.parent_id = tree.id
    )
    select id from tree)`;
}

const inSubtreeOf = (rootId: string): SQL => sql`${topics.id} in ${subtreeIdsOf(rootId)}`;

/** Whether `candidateId` is `rootId` itself or lies anywhere under it. */
export async function isInSubtree(db: Db, rootId: string, candidateId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.id, candidateId), inSubtreeOf(rootId)));
  return row !== undefined;
}

export interface DeletedTree {
  /** The deleted topic first, then its sub-topics. */
  topicIds: string[];
  completedTopicIds: string[];
  flashcardCount: number;
}

/**
 * Deletes a topic; the foreign keys cascade to its sub-topics, their cards, review logs and
 * syllabi. What goes is read first, in the same transaction, for the event that says so.
 */
export async function deleteTopicTree(db: Db, root: TopicRow): Promise<DeletedTree> {
  const tree = await db
    .select({ id: topics.id, completedAt: topics.completedAt })
    .from(topics)
    .where(inSubtreeOf(root.id))
    .orderBy(topics.createdAt, topics.id);
  const topicIds = [root.id, ...tree.map((t) => t.id).filter((id) => id !== root.id)];
  const [cards] = await db
    .select({ n: count() })
    .from(flashcards)
    .where(inArray(flashcards.topicId, topicIds));
  await db.delete(topics).where(eq(topics.id, root.id));
  return {
    topicIds,
    completedTopicIds: tree.filter((t) => t.completedAt !== null).map((t) => t.id),
    flashcardCount: cards?.n ?? 0,
  };
}

/**
 * Reads and locks a topic for a change to the tree: the owner's tree lock first, then the row,
 * always in that order, so two changes never hold one each and wait for the other.
 */
export async function lockTopicInTree(
  db: Db,
  id: string,
  ownerId: string | undefined,
): Promise<TopicRow | undefined> {
  const [seen] = await findTopicsByIds(db, [id], ownerId);
  if (!seen) return undefined;
  await lockTopicTree(db, seen.ownerId);
  return findTopicForUpdate(db, id, ownerId);
}
