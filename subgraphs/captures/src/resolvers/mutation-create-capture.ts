import { enqueueEvent } from "@kai/events";
import { parseInput, requireViewer } from "@kai/service";
import { insertCapture } from "../db/captures.repo.ts";
import { createCaptureInput } from "../domain/capture-input.ts";
import { wordCount } from "../domain/word-count.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const createCapture: MutationResolvers["createCapture"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(createCaptureInput, args.input);
  const capture = await ctx.db.transaction(async (tx) => {
    const row = await insertCapture(tx, {
      ownerId: viewer.id,
      ...input,
      metadata: { wordCount: wordCount(input.content) },
    });
    await enqueueEvent(tx, "captures.capture_created", viewer.id, {
      captureId: row.id,
      type: row.type,
      content: row.content,
      source: row.source,
      tags: row.tags,
    });
    return row;
  });
  ctx.log.info({ captureId: capture.id, type: capture.type }, "capture created");
  return capture;
};
