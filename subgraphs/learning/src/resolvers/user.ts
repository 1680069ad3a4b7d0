import { parseInput } from "@kai/service";
import type { LearningContext } from "../context.ts";
import { requireSelfOrAdmin } from "./authorize.ts";
import { dueLimit } from "./inputs.ts";

type UserReference = { id: string };

export const User = {
  topics: (user: UserReference, _: unknown, ctx: LearningContext) => {
    requireSelfOrAdmin(ctx, user.id);
    return ctx.loaders.topicsByOwnerId.load(user.id);
  },
  dueFlashcards: (user: UserReference, args: { limit: number }, ctx: LearningContext) => {
    requireSelfOrAdmin(ctx, user.id);
    const { limit } = parseInput(dueLimit, args);
    return ctx.loaders.dueFlashcardsByOwnerId(limit).load(user.id);
  },
  dueCount: async (user: UserReference, _: unknown, ctx: LearningContext) => {
    requireSelfOrAdmin(ctx, user.id);
    return (await ctx.loaders.dueCountByOwnerId.load(user.id))?.count ?? 0;
  },
};
