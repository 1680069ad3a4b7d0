import type { Viewer } from "@kai/auth";
import type { Db } from "@kai/db";
import {
  loadGroupsByKey,
  loadRowsByKey,
  ownerFilter,
  perArguments,
  requireViewer,
} from "@kai/service";
import { usageByOwnerIds } from "./db/ai-calls.repo.ts";
import {
  countDueFlashcards,
  countFlashcardsByTopicIds,
  findFlashcardPages,
  findFlashcardsByIds,
} from "./db/flashcards.repo.ts";
import type { ListPage } from "./db/list-page.ts";
import {
  dueCountsByDay,
  findReviewPages,
  findReviewsByIds,
  reviewTotalsByOwnerIds,
} from "./db/reviews.repo.ts";
import { findStudySettingsByOwnerIds } from "./db/study-settings.repo.ts";
import { findLatestSyllabiByTopicIds } from "./db/syllabi.repo.ts";
import type { LearningSchema } from "./db/tables.ts";
import { findTopicPages, findTopicsByCaptureIds, findTopicsByIds } from "./db/topics.repo.ts";
import { studyWindow } from "./domain/study-stats.ts";
import { periodStart, type UsagePeriod } from "./domain/usage-period.ts";
import { loadStudyQueues } from "./study/study-queue.ts";

/**
 * The request's lookups, one DataLoader each. Lookups by object id are scoped to what the
 * viewer owns (everything, for an admin), so a foreign id loads as null like a missing one;
 * lookups by owner id leave that check to the resolver.
 */
export function createLoaders(db: Db<LearningSchema>, viewer: Viewer | null) {
  // Read lazily: an anonymous request is refused before it loads anything, and if one ever
  // got this far it would fail here rather than see everyone's rows.
  const owner = () => ownerFilter(requireViewer({ viewer }));
  const now = () => new Date();

  return {
    topicById: loadRowsByKey(
      (ids: readonly string[]) => findTopicsByIds(db, ids, owner()),
      (topic) => topic.id,
    ),
    topicByCaptureId: loadRowsByKey(
      (ids: readonly string[]) => findTopicsByCaptureIds(db, ids, owner()),
      (topic) => topic.captureId ?? "",
    ),
    /** A page of sub-topics per parent topic: the same page of many parents is one statement. */
    topicsByParentId: perArguments((page: ListPage) =>
      loadGroupsByKey(
        (ids: readonly string[]) => findTopicPages(db, "parentId", ids, page, owner()),
        (topic) => topic.parentId ?? "",
      ),
    ),
    /** A page of topics per owner; the resolver decides who may read whose. */
    topicsByOwnerId: perArguments((page: ListPage) =>
      loadGroupsByKey(
        (ids: readonly string[]) => findTopicPages(db, "ownerId", ids, page, undefined),
        (topic) => topic.ownerId,
      ),
    ),
    flashcardById: loadRowsByKey(
      (ids: readonly string[]) => findFlashcardsByIds(db, ids, owner()),
      (card) => card.id,
    ),
    /** A page of cards per topic: the same page of many topics is one statement. */
    flashcardsByTopicId: perArguments((page: ListPage) =>
      loadGroupsByKey(
        (ids: readonly string[]) => findFlashcardPages(db, "topicId", ids, page, owner()),
        (card) => card.listKey,
      ),
    ),
    /**
     * A page of cards per capture, of the topic made from it: one statement for many
     * captures, which starts beside their topics' instead of after them.
     */
    flashcardsByCaptureId: perArguments((page: ListPage) =>
      loadGroupsByKey(
        (ids: readonly string[]) => findFlashcardPages(db, "captureId", ids, page, owner()),
        (card) => card.listKey,
      ),
    ),
    flashcardCountByTopicId: loadRowsByKey(
      (ids: readonly string[]) => countFlashcardsByTopicIds(db, ids, owner()),
      (row) => row.topicId,
    ),
    dueCountByOwnerId: loadRowsByKey(
      (ids: readonly string[]) => countDueFlashcards(db, ids, now()),
      (row) => row.ownerId,
    ),
    latestSyllabusByTopicId: loadRowsByKey(
      (ids: readonly string[]) => findLatestSyllabiByTopicIds(db, ids, owner()),
      (syllabus) => syllabus.topicId,
    ),
    /** AI usage totals per owner; one loader per period, as the period shapes the batch query. */
    aiUsageByOwnerId: perArguments((period: UsagePeriod) =>
      loadRowsByKey(
        (ids: readonly string[]) => usageByOwnerIds(db, ids, periodStart(period, now())),
        (row) => row.ownerId,
      ),
    ),
    reviewById: loadRowsByKey(
      (ids: readonly string[]) => findReviewsByIds(db, ids, owner()),
      (review) => review.id,
    ),
    /** A page of the review log per card: the same page of many cards is one statement. */
    reviewsByFlashcardId: perArguments((page: ListPage) =>
      loadGroupsByKey(
        (ids: readonly string[]) => findReviewPages(db, ids, page, owner()),
        (review) => review.flashcardId,
      ),
    ),
    /** Review totals per owner over the last `days` days; the resolver decides who may read. */
    reviewTotalsByOwnerId: perArguments((days: number) =>
      loadRowsByKey(
        (ids: readonly string[]) => reviewTotalsByOwnerIds(db, ids, studyWindow(now(), days).since),
        (row) => row.ownerId,
      ),
    ),
    /** Due cards per owner and UTC day, up to `days` days ahead. */
    dueCountsByOwnerId: perArguments((days: number) =>
      loadGroupsByKey(
        (ids: readonly string[]) => dueCountsByDay(db, ids, studyWindow(now(), days).until),
        (row) => row.ownerId,
      ),
    ),
    /**
     * Due cards per owner within their daily limits; one loader per limit, as the limit shapes
     * the batch query.
     */
    dueFlashcardsByOwnerId: perArguments((limit: number) =>
      loadGroupsByKey(
        (ids: readonly string[]) => loadStudyQueues(db, ids, { now: now(), limit }),
        (card) => card.ownerId,
      ),
    ),
    /** Study settings per owner; the resolver decides who may read whose. */
    studySettingsByOwnerId: loadRowsByKey(
      (ids: readonly string[]) => findStudySettingsByOwnerIds(db, ids),
      (row) => row.ownerId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
