import { badUserInput } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import type { MutationResolvers } from "../../generated/graphql.ts";
import { DECK_FORMATS } from "../import-job.ts";
import { requestImport } from "../import-jobs.repo.ts";
import { importJobView } from "./import-job.ts";

const importDeckInput = z.object({ uploadId: z.uuid(), format: z.enum(DECK_FORMATS) });

/**
 * Queues the import; the upload's owner and bytes are checked by the importer, which reads
 * them (a missing or foreign upload fails the job), so this answers at once.
 */
export const importDeck: MutationResolvers["importDeck"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(importDeckInput, args.input);
  const job = await ctx.db.transaction((tx) =>
    requestImport(tx, { ownerId: viewer.id, uploadId: input.uploadId, format: input.format }),
  );
  if (job.format !== input.format)
    throw badUserInput(`This upload is already being imported as ${job.format}`, "format");
  return importJobView(job);
};
