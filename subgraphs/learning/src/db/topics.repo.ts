import {
  type DbOrTx,
  type ListColumns,
  oneOf,
  positionInList,
  preparedOnce,
  uuidsOnly,
} from "@kai/db";
import { and, asc, eq, getTableColumns, inArray, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ownedBy } from "./filters.ts";
import { cursorNamesNoRow, followingCursor, type ListPage } from "./list-page.ts";
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

const topicsByCaptureStatement = preparedOnce((db: Db, variant: { owned: boolean }) =>
  db
    .select()
    .from(topics)
    .where(
      and(
        oneOf(topics.captureId, "captureIds"),
        ownedBy(topics.ownerId, variant.owned ? sql.placeholder("ownerId") : undefined),
      ),
    ),
);

export async function findTopicsByCaptureIds(
  db: Db,
  captureIds: readonly string[],
  ownerId: string | undefined,
): Promise<TopicRow[]> {
  const keys = uuidsOnly(captureIds);
  if (keys.length === 0) return [];
  return topicsByCaptureStatement(db, { owned: ownerId !== undefined }).execute({
    captureIds: keys,
    ownerId,
  });
}

const cursorTopic = alias(topics, "cursor");

/** Topics form two kinds of list: a topic's sub-topics, and all of an owner's topics. */
type TopicListParent = "parentId" | "ownerId";

const listOf = (table: typeof topics | typeof cursorTopic, by: TopicListParent): ListColumns => ({
  parent: table[by],
  createdAt: table.createdAt,
  id: table.id,
});

/**
 * The same page of several parents' (or owners') topic lists in one statement: each list is
 * numbered oldest first and cut at `first`. Rows come back grouped by list, in page order.
 */
export async function findTopicPages(
  db: Db,
  by: TopicListParent,
  parentIds: readonly string[],
  page: ListPage,
  ownerId: string | undefined,
): Promise<TopicRow[]> {
  const keys = uuidsOnly(parentIds);
  if (keys.length === 0 || cursorNamesNoRow(page)) return [];
  const list = listOf(topics, by);
  const cursor = { table: cursorTopic, columns: listOf(cursorTopic, by) };
  const ranked = db
    .select({ ...getTableColumns(topics), position: positionInList(list, "oldest first") })
    .from(topics)
    .where(
      and(
        inArray(topics[by], keys),
        ownedBy(topics.ownerId, ownerId),
        page.after ? followingCursor(list, cursor, page.after) : undefined,
      ),
    )
    .as("ranked");
  const { position, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(position, page.first))
    .orderBy(ranked[by], ranked.createdAt, ranked.id);
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

/** Locks the topic, so a rename, move or delete of it applies after any other in flight. */
export async function findTopicForUpdate(
  db: Db,
  id: string,
  ownerId: string | undefined,
): Promise<TopicRow | undefined> {
  const [key] = uuidsOnly([id]);
  if (!key) return undefined;
  const [row] = await db
    .select()
    .from(topics)
    .where(and(eq(topics.id, key), ownedBy(topics.ownerId, ownerId)))
    .for("update");
  return row;
}

export async function updateTopic(
  db: Db,
  id: string,
  change: Partial<Pick<TopicRow, "name" | "parentId">>,
): Promise<TopicRow> {
  const [row] = await db.update(topics).set(change).where(eq(topics.id, id)).returning();
  if (!row) throw new Error(`topic ${id} vanished while locked`);
  return row;
}
