import type { Viewer } from "@kai/auth";
import type { Db } from "@kai/db";
import { loadGroupsByKey, loadRowsByKey, ownerFilter, requireViewer } from "@kai/service";
import type DataLoader from "dataloader";
import { type UsageTotals, usageByOwnerIds } from "./db/ai-calls.repo.ts";
import {
  countDueFlashcards,
  countFlashcardsByTopicIds,
  findDueFlashcards,
  findFlashcardsByIds,
  findFlashcardsByTopicIds,
} from "./db/flashcards.repo.ts";
import type { FlashcardRow } from "./db/schema.ts";
import { findLatestSyllabiByTopicIds } from "./db/syllabi.repo.ts";
import type { LearningSchema } from "./db/tables.ts";
import {
  findTopicsByCaptureIds,
  findTopicsByIds,
  findTopicsByOwnerIds,
  findTopicsByParentIds,
} from "./db/topics.repo.ts";
import { periodStart, type UsagePeriod } from "./domain/usage-period.ts";

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
  const dueByLimit = new Map<number, DataLoader<string, FlashcardRow[]>>();
  const usageByPeriod = new Map<UsagePeriod, DataLoader<string, UsageTotals | null>>();

  return {
    topicById: loadRowsByKey(
      (ids: readonly string[]) => findTopicsByIds(db, ids, owner()),
      (topic) => topic.id,
    ),
    topicByCaptureId: loadRowsByKey(
      (ids: readonly string[]) => findTopicsByCaptureIds(db, ids, owner()),
      (topic) => topic.captureId ?? "",
    ),
    topicsByParentId: loadGroupsByKey(
      (ids: readonly string[]) => findTopicsByParentIds(db, ids, owner()),
      (topic) => topic.parentId ?? "",
    ),
    topicsByOwnerId: loadGroupsByKey(
      (ids: readonly string[]) => findTopicsByOwnerIds(db, ids),
      (topic) => topic.ownerId,
    ),
    flashcardById: loadRowsByKey(
      (ids: readonly string[]) => findFlashcardsByIds(db, ids, owner()),
      (card) => card.id,
    ),
    flashcardsByTopicId: loadGroupsByKey(
      (ids: readonly string[]) => findFlashcardsByTopicIds(db, ids, owner()),
      (card) => card.topicId,
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
    aiUsageByOwnerId(period: UsagePeriod): DataLoader<string, UsageTotals | null> {
      let loader = usageByPeriod.get(period);
      if (!loader) {
        loader = loadRowsByKey(
          (ids: readonly string[]) => usageByOwnerIds(db, ids, periodStart(period, now())),
          (row) => row.ownerId,
        );
        usageByPeriod.set(period, loader);
      }
      return loader;
    },
    /** Due cards per owner; one loader per limit, as the limit shapes the batch query. */
    dueFlashcardsByOwnerId(limit: number): DataLoader<string, FlashcardRow[]> {
      let loader = dueByLimit.get(limit);
      if (!loader) {
        loader = loadGroupsByKey(
          (ids: readonly string[]) => findDueFlashcards(db, ids, now(), limit),
          (card) => card.ownerId,
        );
        dueByLimit.set(limit, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
