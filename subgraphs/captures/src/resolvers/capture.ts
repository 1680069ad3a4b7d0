import type { CaptureResolvers } from "../generated/graphql.ts";

export const Capture: CaptureResolvers = {
  /** Null for another user's capture, as for a missing one: references reveal nothing. */
  __resolveReference: (reference, ctx) => ctx.loaders.captureById.load(reference.id),
  owner: (capture) => ({ __typename: "User", id: capture.ownerId }),
};
