import type { UserProgressRow } from "../db/schema.ts";
import type { UserResolvers } from "../generated/graphql.ts";

export const User: UserResolvers = {
  // Users owns whether a user exists; progress has nothing to look up for the reference
  // itself, and `progress` below batches its lookup through a loader.
  __resolveReference: (reference) => reference,
  progress: async (user, _, ctx) =>
    (await ctx.loaders.progressByUserId.load(user.id)) ?? freshProgress(user.id),
};

/** A user whose users.user_created is not applied yet has, as far as anyone can tell, no progress. */
function freshProgress(userId: string): UserProgressRow {
  return {
    userId,
    displayName: "",
    timezone: "UTC",
    points: 0,
    level: 1,
    streak: 0,
    longestStreak: 0,
    lastActiveDate: null,
    reviews: 0,
    topicsCompleted: 0,
    pointsSpent: 0,
    streakFreezes: 0,
    frozenThrough: null,
    atRiskAnnouncedDate: null,
    updatedAt: new Date(),
  };
}
