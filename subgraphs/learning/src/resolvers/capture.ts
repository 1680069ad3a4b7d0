import type { CaptureResolvers } from "../generated/graphql.ts";

/** Looked up among the viewer's topics, so another user's capture has no topic and no cards here. */
export const Capture: CaptureResolvers = {
  topic: (capture, _, ctx) => ctx.loaders.topicByCaptureId.load(capture.id),
  flashcards: async (capture, _, ctx) => {
    const topic = await ctx.loaders.topicByCaptureId.load(capture.id);
    return topic ? ctx.loaders.flashcardsByTopicId.load(topic.id) : [];
  },
};
