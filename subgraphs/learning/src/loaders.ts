import type { Viewer } from "@kai/auth";
import type { Db } from "@kai/db";
import { loadGroupsByKey, loadRowsByKey, ownerFilter, requireViewer } from "@kai/service";
import type DataLoader from "dataloader";
import {
  countDueFlashcards,
  countFlashcardsByTopicIds,
  findDueFlashcards,
  findFlashcardsByIds,
  findFlashcardsByTopicIds,
} from "./db/flashcards.repo.ts";
import type { FlashcardRow } from "./db/schema.ts";
import type { LearningSchema } from "./db/tables.ts";
import {
  findTopicsByCaptureIds,
  findTopicsByIds,
  findTopicsByOwnerIds,
  findTopicsByParentIds,
} from "./db/topics.repo.ts";

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
