import type { DbOrTx } from "@kai/db";
import type { TopicRow } from "../db/schema.ts";
import type { LearningSchema } from "../db/tables.ts";
import { findTopicsByOwnerIds } from "../db/topics.repo.ts";
import { findSubjectParent } from "../domain/topic-subject.ts";

/**
 * The owner's topic on the same subject as `topicName`, which a new topic from a capture goes
 * under, so captures on one subject gather into one hierarchy. Undefined for a new subject.
 */
export async function subjectParent(
  db: DbOrTx<LearningSchema>,
  ownerId: string,
  topicName: string,
): Promise<TopicRow | undefined> {
  return findSubjectParent(topicName, await findTopicsByOwnerIds(db, [ownerId]));
}
