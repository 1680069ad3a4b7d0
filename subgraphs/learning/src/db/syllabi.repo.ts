import { type DbOrTx, uuidsOnly } from "@kai/db";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { ownedBy } from "./filters.ts";
import { type SyllabusRow, syllabi, topics } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;
type NewSyllabus = Omit<typeof syllabi.$inferInsert, "id" | "version" | "createdAt">;

/** Each topic's newest syllabus version, in one query. */
export async function findLatestSyllabiByTopicIds(
  db: Db,
  topicIds: readonly string[],
  ownerId: string | undefined,
): Promise<SyllabusRow[]> {
  const keys = uuidsOnly(topicIds);
  if (keys.length === 0) return [];
  return db
    .selectDistinctOn([syllabi.topicId])
    .from(syllabi)
    .where(and(inArray(syllabi.topicId, keys), ownedBy(syllabi.ownerId, ownerId)))
    .orderBy(syllabi.topicId, desc(syllabi.version));
}

/**
 * Stores the next version of the topic's syllabus. The topic row is locked first, so two
 * regenerations at once get versions n + 1 and n + 2 rather than a unique-index failure.
 */
export async function insertNextSyllabus(db: Db, syllabus: NewSyllabus): Promise<SyllabusRow> {
  await db
    .select({ id: topics.id })
    .from(topics)
    .where(eq(topics.id, syllabus.topicId))
    .for("update");
  const [row] = await db
    .insert(syllabi)
    .values({
      ...syllabus,
      version: sql`(select coalesce(max(${syllabi.version}), 0) + 1 from ${syllabi} where ${syllabi.topicId} = ${syllabus.topicId})`,
    })
    .returning();
  if (!row) throw new Error("insert into syllabi returned no row");
  return row;
}
