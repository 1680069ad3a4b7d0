import type { EventPayload } from "@kai/events";
import type { FlashcardRow } from "../db/schema.ts";
import type { DueFlashcardsUpdateResolvers } from "../generated/graphql.ts";

/**
 * `dueFlashcardsChanged` resolves to its `learning.flashcards_due` event's payload (the
 * runtime makes that resolver from the SDL's `@event`); `dueCount` and `user` come from it as
 * they are, `cards` is loaded here from the ids it carries.
 */
export type DueFlashcardsPayload = EventPayload<"learning.flashcards_due">;

export const DueFlashcardsUpdate: DueFlashcardsUpdateResolvers = {
  /** The cards as they are now; one reviewed or deleted since the notice is left out. */
  async cards(update, _, ctx) {
    const cards = await ctx.loaders.flashcardById.loadMany(update.flashcardIds);
    return cards.filter((card): card is FlashcardRow => card !== null && !(card instanceof Error));
  },
};
