import { type BlobStore, readUpload } from "@kai/blob";
import type { Db } from "@kai/db";
import type { ImportJobRow } from "../db/schema.ts";
import type { LearningSchema } from "../db/tables.ts";
import { deckTopicIds, insertDeckCards, insertDeckTopics } from "./deck.repo.ts";
import type { ParsedDeck } from "./deck-card.ts";
import { DeckFileError } from "./deck-file-error.ts";
import { type ReadLimits, readDeck } from "./deck-reader.ts";
import { deckPaths, deckRoot, MAX_DECKS, pathKey } from "./deck-tree.ts";
import { IMPORT_BATCH_SIZE, keepErrors } from "./import-job.ts";
import { lockImportJob, updateImportJob } from "./import-jobs.repo.ts";

export interface ImportDeps {
  db: Db<LearningSchema>;
  blobs: BlobStore;
  limits: ReadLimits;
}

/** Why a job cannot run, for its failureReason; or its deck. */
async function loadDeck(
  job: ImportJobRow,
  deps: ImportDeps,
  now: Date,
): Promise<ParsedDeck | string> {
  const upload = await readUpload(deps.blobs, job.uploadId);
  // Someone else's upload answers like a missing one: its existence is not the caller's to learn.
  if (!upload || upload.record.ownerId !== job.ownerId)
    return "The upload is not there: it was never finished, or it expired";
  try {
    return await readDeck(upload, job.format, deps.limits, now);
  } catch (error) {
    if (error instanceof DeckFileError) return error.message;
    throw error;
  }
}

/**
 * Imports a job's deck in batches of IMPORT_BATCH_SIZE cards, each its own transaction that
 * also advances `done` and announces the job, so a progress bar moves and a redelivery
 * resumes after the last committed batch. The topics come first, with the job turned RUNNING.
 * Resolves once every card is in (the caller marks the job SUCCEEDED), or to the reason the
 * file could not be imported at all. A file of bad rows only fails here, its errors kept.
 */
export async function runImport(
  job: ImportJobRow,
  deps: ImportDeps,
): Promise<{ failure?: string }> {
  const now = new Date();
  const deck = await loadDeck(job, deps, now);
  if (typeof deck === "string") return { failure: deck };
  const { rootName, cards } = deckRoot(
    deck.cards,
    `Imported deck ${now.toISOString().slice(0, 10)}`,
  );
  const paths = deckPaths(cards);
  if (paths.length > MAX_DECKS) return { failure: `The file has more than ${MAX_DECKS} decks` };
  const started = await deps.db.transaction(async (tx) => {
    const locked = await lockImportJob(tx, job.id);
    if (locked?.status !== "QUEUED") return locked;
    const errors = { errors: keepErrors([], deck.errors), errorCount: deck.errors.length };
    // Nothing to import: say so, with the rows' errors, rather than make an empty topic.
    if (cards.length === 0)
      return updateImportJob(tx, job.id, {
        status: "FAILED",
        failureReason: "The file holds no card that could be imported",
        ...errors,
      });
    const topicIds = await insertDeckTopics(tx, { ownerId: job.ownerId, rootName, paths, now });
    return updateImportJob(tx, job.id, {
      status: "RUNNING",
      total: cards.length,
      ...errors,
      topicId: topicIds.get(pathKey([])) ?? null,
    });
  });
  if (!started?.topicId || started.status !== "RUNNING") return {};
  const topicIds = await deckTopicIds(deps.db, started.topicId);
  for (let from = started.done; from < cards.length; from += IMPORT_BATCH_SIZE)
    await deps.db.transaction(async (tx) => {
      const locked = await lockImportJob(tx, job.id);
      // Another delivery got here first: its batch stands, this one would repeat it.
      if (!locked || locked.done !== from) return;
      const batch = cards.slice(from, from + IMPORT_BATCH_SIZE);
      await insertDeckCards(tx, {
        ownerId: job.ownerId,
        topicIds,
        cards: batch,
        firstCreatedAt: new Date(now.getTime() + from),
      });
      await updateImportJob(tx, job.id, { done: from + batch.length });
    });
  return {};
}
