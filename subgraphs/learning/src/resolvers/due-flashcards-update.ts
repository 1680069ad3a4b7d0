import type { FlashcardRow } from "../db/schema.ts";
import type { DueFlashcardsUpdateResolvers } from "../generated/graphql.ts";

export const DueFlashcardsUpdate: DueFlashcardsUpdateResolvers = {
  /** The cards as they are now; one reviewed or deleted since the notice is left out. */
  async cards(update, _, ctx) {
    const cards = await ctx.loaders.flashcardById.loadMany(update.cardIds);
    return cards.filter((card): card is FlashcardRow => card !== null && !(card instanceof Error));
  },
};
