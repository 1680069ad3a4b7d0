import type { LearningContext } from "../context.ts";
import type { TopicRow } from "../db/schema.ts";

export const Topic = {
  __resolveReference: (reference: { id: string }, ctx: LearningContext) =>
    ctx.loaders.topicById.load(reference.id),
  parent: (topic: TopicRow, _: unknown, ctx: LearningContext) =>
    topic.parentId ? ctx.loaders.topicById.load(topic.parentId) : null,
  children: (topic: TopicRow, _: unknown, ctx: LearningContext) =>
    ctx.loaders.topicsByParentId.load(topic.id),
  flashcards: (topic: TopicRow, _: unknown, ctx: LearningContext) =>
    ctx.loaders.flashcardsByTopicId.load(topic.id),
  flashcardCount: async (topic: TopicRow, _: unknown, ctx: LearningContext) =>
    (await ctx.loaders.flashcardCountByTopicId.load(topic.id))?.count ?? 0,
  capture: (topic: TopicRow) => (topic.captureId ? { id: topic.captureId } : null),
  syllabus: (topic: TopicRow, _: unknown, ctx: LearningContext) =>
    ctx.loaders.latestSyllabusByTopicId.load(topic.id),
};
