import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { findFlashcardForUpdate } from "../db/flashcards.repo.ts";
import { isQuality } from "../domain/sm2.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { recordReview } from "../reviews/record-review.ts";

const reviewFlashcardInput = z.object({
  flashcardId: z.string(),
  quality: z.number().refine(isQuality, "must be a whole number from 0 to 5"),
});

export const reviewFlashcard: MutationResolvers["reviewFlashcard"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { flashcardId, quality } = parseInput(reviewFlashcardInput, args.input);
  return ctx.db.transaction(async (tx) => {
    const current = await findFlashcardForUpdate(tx, flashcardId, ownerFilter(viewer));
    if (!current) throw notFound("Flashcard", flashcardId);
    return recordReview(tx, current, quality, new Date());
  });
};
