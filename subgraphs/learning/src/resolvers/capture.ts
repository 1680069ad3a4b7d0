import type { LearningContext } from "../context.ts";

type CaptureReference = { id: string };

/** Looked up among the viewer's topics, so another user's capture has no topic and no cards here. */
export const Capture = {
  topic: (capture: CaptureReference, _: unknown, ctx: LearningContext) =>
    ctx.loaders.topicByCaptureId.load(capture.id),
  flashcards: async (capture: CaptureReference, _: unknown, ctx: LearningContext) => {
    const topic = await ctx.loaders.topicByCaptureId.load(capture.id);
    return topic ? ctx.loaders.flashcardsByTopicId.load(topic.id) : [];
  },
};
