import type { DbOrTx } from "@kai/db";
import type { SQL } from "drizzle-orm";
import { type DueCard, findDueCardsByKind } from "../db/flashcards.repo.ts";
import { reviewsSinceByOwnerIds } from "../db/reviews.repo.ts";
import { findStudySettingsByOwnerIds } from "../db/study-settings.repo.ts";
import type { LearningSchema } from "../db/tables.ts";
import { pickQueue, remainingToday } from "../domain/study-queue.ts";
import { DEFAULT_STUDY_SETTINGS } from "../domain/study-settings.ts";
import { startOfUtcDay } from "../domain/usage-period.ts";

const NOTHING_YET = { newCards: 0, reviews: 0 };

/**
 * Each owner's study queue at `now`: their due cards, soonest first, within what is left of
 * today's (UTC) new-card and review limits, at most `limit` each. Three statements for any
 * number of owners; `topicIds` (a subquery) narrows the cards to some topics.
 */
export async function loadStudyQueues(
  db: DbOrTx<LearningSchema>,
  ownerIds: readonly string[],
  options: { now: Date; limit: number; topicIds?: SQL },
): Promise<DueCard[]> {
  const { now, limit, topicIds } = options;
  const [settings, today, due] = await Promise.all([
    findStudySettingsByOwnerIds(db, ownerIds),
    reviewsSinceByOwnerIds(db, ownerIds, startOfUtcDay(now)),
    findDueCardsByKind(db, ownerIds, now, limit, topicIds),
  ]);
  return ownerIds.flatMap((ownerId) => {
    const left = remainingToday(
      settings.find((row) => row.ownerId === ownerId) ?? DEFAULT_STUDY_SETTINGS,
      today.find((row) => row.ownerId === ownerId) ?? NOTHING_YET,
    );
    return pickQueue(
      due.filter((card) => card.ownerId === ownerId),
      left,
      limit,
    );
  });
}
