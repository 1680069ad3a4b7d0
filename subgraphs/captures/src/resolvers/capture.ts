import type { CapturesContext } from "../context.ts";
import type { CaptureRecord, CaptureRow } from "../db/schema.ts";
import type { CaptureResolvers } from "../generated/graphql.ts";

/** The whole row of a capture from a page, whose long texts were left out of the page's read. */
async function wholeRow(capture: CaptureRecord, ctx: CapturesContext): Promise<CaptureRow> {
  const row = await ctx.loaders.captureById.load(capture.id);
  if (!row) throw new Error(`Capture ${capture.id} is gone`);
  return row;
}

export const Capture: CaptureResolvers = {
  /** Null for another user's capture, as for a missing one: references reveal nothing. */
  __resolveReference: (reference, ctx) => ctx.loaders.captureById.load(reference.id),
  owner: (capture) => ({ __typename: "User", id: capture.ownerId }),
  content: async (capture, _, ctx) => capture.content ?? (await wholeRow(capture, ctx)).content,
  extractedText: async (capture, _, ctx) =>
    capture.extractedText !== undefined
      ? capture.extractedText
      : (await wholeRow(capture, ctx)).extractedText,
};
