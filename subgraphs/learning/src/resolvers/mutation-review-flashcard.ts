import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import type { LearningContext } from "../context.ts";
import { findFlashcardForUpdate } from "../db/flashcards.repo.ts";
import { isQuality } from "../domain/sm2.ts";
import { recordReview } from "../reviews/record-review.ts";

const reviewFlashcardInput = z.object({
  flashcardId: z.string(),
  quality: z.number().refine(isQuality, "must be a whole number from 0 to 5"),
});

export async function reviewFlashcard(_: unknown, args: { input: unknown }, ctx: LearningContext) {
  const viewer = requireViewer(ctx);
  const { flashcardId, quality } = parseInput(reviewFlashcardInput, args.input);
  const card = await ctx.db.transaction(async (tx) => {
    const current = await findFlashcardForUpdate(tx, flashcardId, ownerFilter(viewer));
    if (!current) throw notFound("Flashcard", flashcardId);
    return recordReview(tx, current, quality, new Date());
  });
  ctx.relay.kick();
  return card;
}
