import type { DbOrTx } from "@kai/db";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { ownedBy, uuidsOnly } from "./filters.ts";
import { type TopicRow, topics } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;
type NewTopic = typeof topics.$inferInsert;

const oldestFirst = [asc(topics.createdAt), asc(topics.id)];

export async function findTopicsByIds(
  db: Db,
  ids: readonly string[],
  ownerId: string | undefined,
): Promise<TopicRow[]> {
  const keys = uuidsOnly(ids);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(topics)
    .where(and(inArray(topics.id, keys), ownedBy(topics.ownerId, ownerId)));
}

export async function findTopicsByCaptureIds(
  db: Db,
  captureIds: readonly string[],
  ownerId: string | undefined,
): Promise<TopicRow[]> {
  const keys = uuidsOnly(captureIds);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(topics)
    .where(and(inArray(topics.captureId, keys), ownedBy(topics.ownerId, ownerId)));
}

export async function findTopicsByParentIds(
  db: Db,
  parentIds: readonly string[],
  ownerId: string | undefined,
): Promise<TopicRow[]> {
  const keys = uuidsOnly(parentIds);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(topics)
    .where(and(inArray(topics.parentId, keys), ownedBy(topics.ownerId, ownerId)))
    .orderBy(...oldestFirst);
}

export async function findTopicsByOwnerIds(
  db: Db,
  ownerIds: readonly string[],
): Promise<TopicRow[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  return db
    .select()
    .from(topics)
    .where(inArray(topics.ownerId, keys))
    .orderBy(...oldestFirst);
}

export async function insertTopic(db: Db, topic: NewTopic): Promise<TopicRow> {
  const [row] = await db.insert(topics).values(topic).returning();
  if (!row) throw new Error("insert into topics returned no row");
  return row;
}

/** Inserts a capture's topic; resolves to undefined when that capture already has one. */
export async function insertCaptureTopic(
  db: Db,
  topic: NewTopic & { captureId: string },
): Promise<TopicRow | undefined> {
  const [row] = await db
    .insert(topics)
    .values(topic)
    .onConflictDoNothing({ target: topics.captureId })
    .returning();
  return row;
}

/**
 * Stamps `completed_at` unless it is already set, so only the first completion returns a
 * row (and earns an event), even when two requests race.
 */
export async function markTopicCompleted(
  db: Db,
  id: string,
  ownerId: string | undefined,
  at: Date,
): Promise<TopicRow | undefined> {
  const [key] = uuidsOnly([id]);
  if (!key) return undefined;
  const [row] = await db
    .update(topics)
    .set({ completedAt: at })
    .where(and(eq(topics.id, key), ownedBy(topics.ownerId, ownerId), isNull(topics.completedAt)))
    .returning();
  return row;
}
