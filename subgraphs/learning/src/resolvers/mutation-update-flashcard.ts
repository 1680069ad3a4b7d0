import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { findFlashcardForUpdate, updateFlashcardText } from "../db/flashcards.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { text } from "./inputs.ts";

// An explicit null keeps the text, like an omitted field.
const updateFlashcardInput = z.object({
  id: z.string(),
  front: text(500)
    .nullish()
    .transform((v) => v ?? undefined),
  back: text(2000)
    .nullish()
    .transform((v) => v ?? undefined),
});

export const updateFlashcard: MutationResolvers["updateFlashcard"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { id, front, back } = parseInput(updateFlashcardInput, args.input);
  return ctx.db.transaction(async (tx) => {
    const card = await findFlashcardForUpdate(tx, id, ownerFilter(viewer));
    if (!card) throw notFound("Flashcard", id);
    if (front === undefined && back === undefined) return card;
    return updateFlashcardText(tx, card.id, { front, back });
  });
};
