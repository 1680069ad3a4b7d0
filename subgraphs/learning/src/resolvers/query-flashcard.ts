import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

export const flashcard: QueryResolvers["flashcard"] = async (_, args, ctx) => {
  requireViewer(ctx);
  const row = await ctx.loaders.flashcardById.load(args.id);
  if (!row) throw notFound("Flashcard", args.id);
  return row;
};
