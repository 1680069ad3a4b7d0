import { parseInput } from "@kai/service";
import { z } from "zod";
import { LEADERBOARD_PERIODS } from "../domain/periods.ts";
import type { QueryResolvers } from "../generated/graphql.ts";

// Both arguments have defaults, but a client may still send an explicit null, which the SDL
// allows and the generated (non-null) argument types do not show: so both are parsed.
const leaderboardArgs = z.object({
  period: z.enum(LEADERBOARD_PERIODS),
  limit: z.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100"),
});

export const leaderboard: QueryResolvers["leaderboard"] = async (_, args, ctx) => {
  const { period, limit } = parseInput(leaderboardArgs, args);
  const scores = await ctx.leaderboard.top(period, limit);
  return scores.map((score, index) => ({ ...score, rank: index + 1 }));
};
