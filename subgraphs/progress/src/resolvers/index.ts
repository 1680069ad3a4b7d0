import { DateTime, viewerAsUser } from "@kai/service";
import type { Resolvers } from "../generated/graphql.ts";
import { LeaderboardEntry } from "./leaderboard-entry.ts";
import { buyStreakFreeze } from "./mutation-buy-streak-freeze.ts";
import { leaderboard } from "./query-leaderboard.ts";
import { shareCard } from "./query-share-card.ts";
import { User } from "./user.ts";
import { UserProgress } from "./user-progress.ts";

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: viewerAsUser,
    leaderboard,
    shareCard,
  },
  Mutation: { buyStreakFreeze },
  User,
  UserProgress,
  LeaderboardEntry,
};
