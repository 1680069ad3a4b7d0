import type { PeriodScore } from "../db/point-awards.repo.ts";
import { currentStreak } from "../domain/streak.ts";
import type { LeaderboardEntryResolvers } from "../generated/graphql.ts";

export interface LeaderboardEntryParent extends PeriodScore {
  rank: number;
}

export const LeaderboardEntry: LeaderboardEntryResolvers = {
  user: (entry) => ({ __typename: "User", id: entry.userId }),
  level: async (entry, _, ctx) =>
    (await ctx.loaders.progressByUserId.load(entry.userId))?.level ?? 1,
  streak: async (entry, _, ctx) => {
    const progress = await ctx.loaders.progressByUserId.load(entry.userId);
    return progress ? currentStreak(progress, new Date(), progress.timezone) : 0;
  },
};
