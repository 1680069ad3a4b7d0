import { parseInput, requireSelfOrAdmin } from "@kai/service";
import { z } from "zod";
import { DEFAULT_STUDY_SETTINGS } from "../domain/study-settings.ts";
import { dueForecast, MAX_STATS_DAYS, retention, studyWindow } from "../domain/study-stats.ts";
import { USAGE_PERIODS } from "../domain/usage-period.ts";
import type { UserResolvers } from "../generated/graphql.ts";
import { dueLimit } from "./inputs.ts";
import { ownedTopics } from "./lists.ts";

// The SDL checks the enum, but `period: null` passes it (the default only fills an omitted one).
const usageInput = z.object({ period: z.enum(USAGE_PERIODS) });
const STATS_DAYS = `must be between 1 and ${MAX_STATS_DAYS}`;
const statsInput = z.object({
  days: z
    .number({ error: STATS_DAYS })
    .int(STATS_DAYS)
    .min(1, STATS_DAYS)
    .max(MAX_STATS_DAYS, STATS_DAYS),
});
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
  studySettings: async (user, _, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return (await ctx.loaders.studySettingsByOwnerId.load(user.id)) ?? DEFAULT_STUDY_SETTINGS;
  },
  studyStats: async (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    const { days } = parseInput(statsInput, args);
    const [totals, dueByDay] = await Promise.all([
      ctx.loaders.reviewTotalsByOwnerId(days).load(user.id),
      ctx.loaders.dueCountsByOwnerId(days).load(user.id),
    ]);
    const reviews = totals?.reviews ?? 0;
    return {
      days,
      reviews,
      retention: retention(reviews, totals?.recalled ?? 0),
      forecast: dueForecast(dueByDay, studyWindow(new Date(), days).today, days),
    };
  },
  aiUsage: async (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    const { period } = parseInput(usageInput, args);
    return (await ctx.loaders.aiUsageByOwnerId(period).load(user.id)) ?? NO_USAGE;
  },
};
