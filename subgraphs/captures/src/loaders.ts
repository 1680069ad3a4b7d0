import type { Viewer } from "@kai/auth";
import type { Db } from "@kai/db";
import {
  loadGroupsByKey,
  loadRowsByKey,
  ownerFilter,
  perArguments,
  requireViewer,
} from "@kai/service";
import { countCaptures, findCapturePages, type PageQuery } from "./db/capture-pages.repo.ts";
import { findCapturesByIds } from "./db/captures.repo.ts";
import type { CapturesSchema } from "./db/tables.ts";
import type { CaptureFilter } from "./domain/capture-input.ts";

/**
 * The request's loaders. Capture lookups are scoped to the viewer in the query itself, so
 * another user's capture loads exactly like a missing one: as null.
 */
export function createLoaders(db: Db<CapturesSchema>, viewer: Viewer | null) {
  return {
    captureById: loadRowsByKey(
      (ids: readonly string[]) =>
        findCapturesByIds(db, ids, ownerFilter(requireViewer({ viewer }))),
      (capture) => capture.id,
    ),
    /** Pages keyed by owner id: the same page of many users loads in one statement. */
    capturePage: perArguments((page: PageQuery) =>
      loadGroupsByKey(
        (ownerIds: readonly string[]) => findCapturePages(db, ownerIds, page),
        (capture) => capture.ownerId,
      ),
    ),
    captureCount: perArguments((filter: CaptureFilter) =>
      loadRowsByKey(
        (ownerIds: readonly string[]) => countCaptures(db, ownerIds, filter),
        (row) => row.ownerId,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
