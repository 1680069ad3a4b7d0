import { deleteUpload } from "@kai/blob";
import { notFound } from "@kai/errors";
import { enqueueEvent } from "@kai/events";
import { requireViewer } from "@kai/service";
import { deleteCaptureOfOwner, findCapturesByIds } from "../db/captures.repo.ts";
import { deleteUploads } from "../db/uploads.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

/**
 * Deletes the capture and its upload; the topic and cards learning made from it stay (they
 * are study material now; deleteTopic removes them). The upload's bytes go after the commit:
 * a failed delete then leaves an orphan file, never a capture pointing at missing bytes.
 */
export const deleteCapture: MutationResolvers["deleteCapture"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const uploadId = await ctx.db.transaction(async (tx) => {
    const [capture] = await findCapturesByIds(tx, [args.id], viewer.id);
    if (!capture || !(await deleteCaptureOfOwner(tx, viewer.id, capture.id)))
      throw notFound("Capture", args.id);
    if (capture.uploadId) await deleteUploads(tx, { id: capture.uploadId });
    await enqueueEvent(tx, "captures.capture_deleted", viewer.id, { captureId: capture.id });
    return capture.uploadId;
  });
  if (uploadId)
    await deleteUpload(ctx.blobs, uploadId).catch((error: unknown) => {
      ctx.log.warn({ err: error, uploadId }, "an upload's bytes outlived its capture");
    });
  ctx.log.info({ captureId: args.id }, "capture deleted");
  return true;
};
