import type { LearningContext } from "../context.ts";
import type { FlashcardRow } from "../db/schema.ts";

export const Flashcard = {
  __resolveReference: (reference: { id: string }, ctx: LearningContext) =>
    ctx.loaders.flashcardById.load(reference.id),
  topic: (card: FlashcardRow, _: unknown, ctx: LearningContext) =>
    ctx.loaders.topicById.load(card.topicId),
};
