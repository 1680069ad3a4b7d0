import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { LearningContext } from "../context.ts";

export async function flashcard(_: unknown, args: { id: string }, ctx: LearningContext) {
  requireViewer(ctx);
  const row = await ctx.loaders.flashcardById.load(args.id);
  if (!row) throw notFound("Flashcard", args.id);
  return row;
}
