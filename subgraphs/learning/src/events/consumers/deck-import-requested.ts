import type { Db } from "@kai/db";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import type { LearningSchema } from "../../db/tables.ts";
import {
  findImportJobsByIds,
  lockImportJob,
  updateImportJob,
} from "../../deck-transfer/import-jobs.repo.ts";
import { type ImportDeps, runImport } from "../../deck-transfer/import-runner.ts";

/**
 * Runs each deck import importDeck queued. The cards go in batches during `prepare` (each
 * batch its own transaction, so progress shows while the rest is read); `handle` then closes
 * the job as SUCCEEDED, or FAILED with the reason the file could not be read.
 */
export function deckImportRequestedConsumer(
  deps: ImportDeps & { db: Db<LearningSchema>; log: Logger },
): ConsumerSpec<LearningSchema, "learning.deck_import_requested", { failure?: string } | null> {
  const finish = async (
    tx: Parameters<typeof lockImportJob>[0],
    jobId: string,
    outcome: { failure?: string },
  ) => {
    const job = await lockImportJob(tx, jobId);
    if (!job || job.status === "SUCCEEDED" || job.status === "FAILED") return;
    await updateImportJob(
      tx,
      jobId,
      outcome.failure === undefined
        ? { status: "SUCCEEDED" }
        : { status: "FAILED", failureReason: outcome.failure },
    );
  };
  return {
    durable: "learning-deck-imports",
    type: "learning.deck_import_requested",
    async prepare({ userId, data }) {
      const [job] = await findImportJobsByIds(deps.db, [data.jobId], userId);
      if (!job || job.status === "SUCCEEDED" || job.status === "FAILED") return null;
      return runImport(job, deps);
    },
    async handle(tx, event, outcome) {
      if (!outcome) return;
      await finish(tx, event.data.jobId, outcome);
      deps.log.info({ jobId: event.data.jobId, failure: outcome.failure }, "deck import finished");
    },
    async onGiveUp(tx, event) {
      await finish(tx, event.data.jobId, {
        failure: "Kai could not import this deck. Please try again later.",
      });
    },
  };
}
