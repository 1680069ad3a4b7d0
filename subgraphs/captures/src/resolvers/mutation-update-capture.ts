import { badUserInput, notFound } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { findCapturesByIds, updateCaptureOfOwner } from "../db/captures.repo.ts";
import { sourceProblem, updateCaptureInput } from "../domain/capture-input.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const updateCapture: MutationResolvers["updateCapture"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(updateCaptureInput, args.input);
  return ctx.db.transaction(async (tx) => {
    // Only the owner's: another user's capture is as missing as one that never existed.
    const [current] = await findCapturesByIds(tx, [input.id], viewer.id);
    if (!current) throw notFound("Capture", input.id);
    const problem = input.source !== undefined && sourceProblem(current.type, input.source);
    if (problem) throw badUserInput(`source: ${problem}`, "source");
    const updated = await updateCaptureOfOwner(tx, viewer.id, current.id, {
      tags: input.tags,
      source: input.source,
    });
    if (!updated) throw notFound("Capture", input.id);
    ctx.log.info({ captureId: updated.id }, "capture updated");
    return updated;
  });
};
