import { parseInput, requireSelfOrAdmin } from "@kai/service";
import { z } from "zod";
import type { AchievementRow } from "../db/schema.ts";
import { achievementByKey, type UnlockedAchievement } from "../domain/achievements.ts";
import { progressToNextLevel } from "../domain/levels.ts";
import { currentFreezes, currentStreak } from "../domain/streak.ts";
import { STREAK_FREEZE_PRICE } from "../domain/streak-freeze.ts";
import type { UserProgressResolvers } from "../generated/graphql.ts";

// `days` has a default, but an explicit null is still valid GraphQL: parsed, not trusted.
const dailyActivityArgs = z.object({
  days: z.number().int().min(1, "must be between 1 and 365").max(365, "must be between 1 and 365"),
});

export const UserProgress: UserProgressResolvers = {
  nextLevelPoints: (progress) => progressToNextLevel(progress.points).nextLevelPoints,
  streak: (progress, _, ctx) => currentStreak(progress, ctx.now(), progress.timezone),
  spendablePoints: (progress) => progress.points - progress.pointsSpent,
  streakFreezes: (progress, _, ctx) => currentFreezes(progress, ctx.now(), progress.timezone),
  streakFreezePrice: () => STREAK_FREEZE_PRICE,
  achievements: async (progress, _, ctx) =>
    describeAchievements(await ctx.loaders.achievementsByUserId.load(progress.userId)),
  dailyActivity: (progress, args, ctx) => {
    requireSelfOrAdmin(ctx, progress.userId);
    const { days } = parseInput(dailyActivityArgs, args);
    return ctx.loaders.dailyActivity(days).load(progress.userId);
  },
};

/** Catalogue text for each unlocked key; a key since retired from the catalogue is not shown. */
export function describeAchievements(rows: AchievementRow[]): UnlockedAchievement[] {
  return rows.flatMap((row) => {
    const achievement = achievementByKey(row.key);
    return achievement ? [{ ...achievement, key: row.key, unlockedAt: row.unlockedAt }] : [];
  });
}
