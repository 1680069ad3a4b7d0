import type { FlashcardResolvers } from "../generated/graphql.ts";
import { cardReviews } from "./lists.ts";

export const Flashcard: FlashcardResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.flashcardById.load(reference.id),
  topic: async (card, _, ctx) => {
    const topic = await ctx.loaders.topicById.load(card.topicId);
    // A card has its topic's owner and is deleted with it, so whoever sees the card sees the topic.
    if (!topic) throw new Error(`Topic ${card.topicId} of flashcard ${card.id} is missing`);
    return topic;
  },
  reviews: (card, args, ctx) => cardReviews(ctx, card.id, args),
  stability: (card) => card.fsrs?.stability ?? null,
  difficulty: (card) => card.fsrs?.difficulty ?? null,
};
