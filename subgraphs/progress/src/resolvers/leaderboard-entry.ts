import type { ProgressContext } from "../context.ts";
import type { PeriodScore } from "../db/point-awards.repo.ts";
import { currentStreak } from "../domain/streak.ts";

export interface LeaderboardEntryParent extends PeriodScore {
  rank: number;
}

export const LeaderboardEntry = {
  user: (entry: LeaderboardEntryParent) => ({ id: entry.userId }),
  level: async (entry: LeaderboardEntryParent, _: unknown, ctx: ProgressContext) =>
    (await ctx.loaders.progressByUserId.load(entry.userId))?.level ?? 1,
  streak: async (entry: LeaderboardEntryParent, _: unknown, ctx: ProgressContext) => {
    const progress = await ctx.loaders.progressByUserId.load(entry.userId);
    return progress ? currentStreak(progress, new Date(), progress.timezone) : 0;
  },
};
