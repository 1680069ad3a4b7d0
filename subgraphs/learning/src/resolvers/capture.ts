import type { CaptureResolvers } from "../generated/graphql.ts";
import { topicFlashcards } from "./lists.ts";

/** Looked up among the viewer's topics, so another user's capture has no topic and no cards here. */
export const Capture: CaptureResolvers = {
  topic: (capture, _, ctx) => ctx.loaders.topicByCaptureId.load(capture.id),
  flashcards: async (capture, args, ctx) => {
    const topic = await ctx.loaders.topicByCaptureId.load(capture.id);
    return topicFlashcards(ctx, topic?.id, args);
  },
};
