import { badUserInput } from "@kai/errors";
import { enqueueEvent } from "@kai/events";
import { parseInput, requireViewer } from "@kai/service";
import { insertCapture } from "../db/captures.repo.ts";
import { attachUpload } from "../db/uploads.repo.ts";
import { createCaptureInput } from "../domain/capture-input.ts";
import { wordCount } from "../domain/word-count.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const createCapture: MutationResolvers["createCapture"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { uploadId, ...input } = parseInput(createCaptureInput, args.input);
  const capture = await ctx.db.transaction(async (tx) => {
    // Another user's upload, one never PUT, or one already used: all the same to the caller.
    if (uploadId && !(await attachUpload(tx, viewer.id, uploadId)))
      throw badUserInput(
        "uploadId: is not an upload of yours whose bytes arrived, or is used",
        "uploadId",
      );
    const row = await insertCapture(tx, {
      ownerId: viewer.id,
      ...input,
      uploadId: uploadId ?? null,
      metadata: { wordCount: wordCount(input.content) },
    });
    await enqueueEvent(tx, "captures.capture_created", viewer.id, {
      captureId: row.id,
      type: row.type,
      content: row.content,
      source: row.source,
      tags: row.tags,
      ...(uploadId ? { uploadId } : {}),
    });
    return row;
  });
  ctx.log.info({ captureId: capture.id, type: capture.type }, "capture created");
  return capture;
};
