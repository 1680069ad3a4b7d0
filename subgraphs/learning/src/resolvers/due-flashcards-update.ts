import type { LearningContext } from "../context.ts";
import type { FlashcardRow } from "../db/schema.ts";

export const DueFlashcardsUpdate = {
  /** The cards as they are now; one reviewed or deleted since the notice is left out. */
  async cards(
    update: { cardIds: string[] },
    _: unknown,
    ctx: LearningContext,
  ): Promise<FlashcardRow[]> {
    const cards = await ctx.loaders.flashcardById.loadMany(update.cardIds);
    return cards.filter((card): card is FlashcardRow => card !== null && !(card instanceof Error));
  },
};
