import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import type { ProgressContext } from "../context.ts";
import type { AchievementRow, UserProgressRow } from "../db/schema.ts";
import { achievementByKey } from "../domain/achievements.ts";
import { progressToNextLevel } from "../domain/levels.ts";
import { currentStreak } from "../domain/streak.ts";

const dailyActivityArgs = z.object({
  days: z.number().int().min(1, "must be between 1 and 365").max(365, "must be between 1 and 365"),
});

export const UserProgress = {
  nextLevelPoints: (progress: UserProgressRow) =>
    progressToNextLevel(progress.points).nextLevelPoints,
  streak: (progress: UserProgressRow) => currentStreak(progress, new Date(), progress.timezone),
  achievements: async (progress: UserProgressRow, _: unknown, ctx: ProgressContext) =>
    describeAchievements(await ctx.loaders.achievementsByUserId.load(progress.userId)),
  dailyActivity: (progress: UserProgressRow, args: unknown, ctx: ProgressContext) => {
    const owner = ownerFilter(requireViewer(ctx));
    if (owner !== undefined && owner !== progress.userId) return null;
    const { days } = parseInput(dailyActivityArgs, args);
    return ctx.loaders.dailyActivity(days).load(progress.userId);
  },
};

/** Catalogue text for each unlocked key; a key since retired from the catalogue is not shown. */
export function describeAchievements(rows: AchievementRow[]) {
  return rows.flatMap((row) => {
    const achievement = achievementByKey(row.key);
    return achievement ? [{ ...achievement, key: row.key, unlockedAt: row.unlockedAt }] : [];
  });
}
