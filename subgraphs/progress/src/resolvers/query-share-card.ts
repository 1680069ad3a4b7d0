import { notFound } from "@kai/errors";
import { composeShareCard } from "../domain/share-card.ts";
import { currentStreak } from "../domain/streak.ts";
import type { QueryResolvers } from "../generated/graphql.ts";
import { describeAchievements } from "./user-progress.ts";

export const shareCard: QueryResolvers["shareCard"] = async (_, args, ctx) => {
  // An id that is no uuid names no user: NOT_FOUND, like any other id that names nothing.
  const { userId } = args;
  const progress = await ctx.loaders.progressByUserId.load(userId);
  if (!progress) throw notFound("User", userId);
  const unlocked = describeAchievements(await ctx.loaders.achievementsByUserId.load(userId));
  return composeShareCard(
    { id: userId, name: progress.displayName },
    {
      points: progress.points,
      level: progress.level,
      streak: currentStreak(progress, ctx.now(), progress.timezone),
      longestStreak: progress.longestStreak,
      achievements: unlocked.length,
    },
    ctx.env.PUBLIC_APP_URL,
  );
};
