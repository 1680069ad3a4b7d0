import { parseInput } from "@kai/service";
import { z } from "zod";
import type { ProgressContext } from "../context.ts";
import { LEADERBOARD_PERIODS } from "../domain/periods.ts";
import type { LeaderboardEntryParent } from "./leaderboard-entry.ts";

const leaderboardArgs = z.object({
  period: z.enum(LEADERBOARD_PERIODS),
  limit: z.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100"),
});

export async function leaderboard(
  _: unknown,
  args: unknown,
  ctx: ProgressContext,
): Promise<LeaderboardEntryParent[]> {
  const { period, limit } = parseInput(leaderboardArgs, args);
  const scores = await ctx.leaderboard.top(period, limit);
  return scores.map((score, index) => ({ ...score, rank: index + 1 }));
}
