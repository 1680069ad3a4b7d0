import { parseInput, requireSelfOrAdmin } from "@kai/service";
import { z } from "zod";
import { USAGE_PERIODS } from "../domain/usage-period.ts";
import type { UserResolvers } from "../generated/graphql.ts";
import { dueLimit } from "./inputs.ts";
import { ownedTopics } from "./lists.ts";

// The SDL checks the enum, but `period: null` passes it (the default only fills an omitted one).
const usageInput = z.object({ period: z.enum(USAGE_PERIODS) });
const NO_USAGE = { calls: 0, promptTokens: 0, outputTokens: 0, estimatedCost: 0 };

export const User: UserResolvers = {
  topics: (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return ownedTopics(ctx, user.id, args);
  },
  dueFlashcards: (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    const { limit } = parseInput(dueLimit, args);
    return ctx.loaders.dueFlashcardsByOwnerId(limit).load(user.id);
  },
  dueCount: async (user, _, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return (await ctx.loaders.dueCountByOwnerId.load(user.id))?.count ?? 0;
  },
  aiUsage: async (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    const { period } = parseInput(usageInput, args);
    return (await ctx.loaders.aiUsageByOwnerId(period).load(user.id)) ?? NO_USAGE;
  },
};
