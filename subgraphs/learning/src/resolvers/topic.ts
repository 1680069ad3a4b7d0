import type { TopicResolvers } from "../generated/graphql.ts";
import { subTopics, topicFlashcards } from "./lists.ts";

export const Topic: TopicResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.topicById.load(reference.id),
  parent: (topic, _, ctx) => (topic.parentId ? ctx.loaders.topicById.load(topic.parentId) : null),
  children: (topic, args, ctx) => subTopics(ctx, topic.id, args),
  flashcards: (topic, args, ctx) => topicFlashcards(ctx, topic.id, args),
  flashcardCount: async (topic, _, ctx) =>
    (await ctx.loaders.flashcardCountByTopicId.load(topic.id))?.count ?? 0,
  capture: (topic) => (topic.captureId ? { __typename: "Capture", id: topic.captureId } : null),
  syllabus: (topic, _, ctx) => ctx.loaders.latestSyllabusByTopicId.load(topic.id),
};
