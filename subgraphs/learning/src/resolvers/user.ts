import { parseInput } from "@kai/service";
import { z } from "zod";
import type { LearningContext } from "../context.ts";
import { USAGE_PERIODS } from "../domain/usage-period.ts";
import { requireSelfOrAdmin } from "./authorize.ts";
import { dueLimit } from "./inputs.ts";

type UserReference = { id: string };

const usageInput = z.object({ period: z.enum(USAGE_PERIODS) });
const NO_USAGE = { calls: 0, promptTokens: 0, outputTokens: 0, estimatedCost: 0 };

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
  aiUsage: async (user: UserReference, args: { period: unknown }, ctx: LearningContext) => {
    requireSelfOrAdmin(ctx, user.id);
    const { period } = parseInput(usageInput, args);
    return (await ctx.loaders.aiUsageByOwnerId(period).load(user.id)) ?? NO_USAGE;
  },
};
