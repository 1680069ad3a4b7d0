import { currentStreak } from "../domain/streak.ts";
import type { LeaderboardEntryResolvers } from "../generated/graphql.ts";
import type { RankedScore } from "../leaderboard/leaderboard.ts";

export interface LeaderboardEntryParent extends RankedScore {
  rank: number;
}

// The board hands each score over with its user's progress row, read when the board checked
// that the user exists: level and streak need no second lookup.
export const LeaderboardEntry: LeaderboardEntryResolvers = {
  user: (entry) => ({ __typename: "User", id: entry.userId }),
  level: (entry) => entry.progress.level,
  streak: (entry, _, ctx) => currentStreak(entry.progress, ctx.now(), entry.progress.timezone),
};
