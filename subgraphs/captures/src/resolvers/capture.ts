import type { CapturesContext } from "../context.ts";
import type { CaptureRow } from "../db/schema.ts";

export const Capture = {
  /** Null for another user's capture, as for a missing one: references reveal nothing. */
  __resolveReference: (reference: { id: string }, ctx: CapturesContext) =>
    ctx.loaders.captureById.load(reference.id),
  owner: (capture: CaptureRow) => ({ __typename: "User", id: capture.ownerId }),
};
