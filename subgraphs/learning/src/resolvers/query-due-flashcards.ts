import { parseInput, requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";
import { dueLimit } from "./inputs.ts";

export const dueFlashcards: QueryResolvers["dueFlashcards"] = (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { limit } = parseInput(dueLimit, args);
  return ctx.loaders.dueFlashcardsByOwnerId(limit).load(viewer.id);
};
