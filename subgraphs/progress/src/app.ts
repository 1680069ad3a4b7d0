import { fileURLToPath } from "node:url";
import { connectRedis, redisNamespace } from "@kai/redis";
import { loadSchema, type Resources, type SubgraphDefinition } from "@kai/runtime";
import type { ProgressContext } from "./context.ts";
import { databaseId } from "./db/database-identity.repo.ts";
import { type ProgressSchema, schema } from "./db/tables.ts";
import type { ProgressEnv } from "./env.ts";
import { flashcardReviewedConsumer } from "./events/consumers/flashcard-reviewed.ts";
import { topicCompletedConsumer } from "./events/consumers/topic-completed.ts";
import { userCreatedConsumer } from "./events/consumers/user-created.ts";
import { userDeletedConsumer } from "./events/consumers/user-deleted.ts";
import { userUpdatedConsumer } from "./events/consumers/user-updated.ts";
import { createLeaderboard, type Leaderboard } from "./leaderboard/leaderboard.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";
import { startStreakRiskScheduler } from "./streak-at-risk/streak-risk-scheduler.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export interface ProgressOptions {
  /**
   * The clock for what depends on today (the current week's and month's boards, whether a
   * streak is still alive or at risk). Default: the system clock; tests fix it so dates do not matter.
   */
  now?: () => Date;
}

export function progressSubgraph(
  env: ProgressEnv,
  { now = () => new Date() }: ProgressOptions = {},
): SubgraphDefinition<ProgressSchema, ProgressContext, { leaderboard: Leaderboard } & Resources> {
  return {
    name: "progress",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    // One Redis connection per process, shared by the consumers and every request. Its keys
    // carry this database's id: boards list user ids, which mean something only here.
    setup: async ({ db, log }) => {
      const redis = connectRedis(env.REDIS_URL, log, {
        namespace: redisNamespace("progress", await databaseId(db)),
        purpose: "leaderboards read from Postgres",
      });
      const leaderboard = createLeaderboard(db, redis, log, { now });
      return { leaderboard, close: () => leaderboard.close() };
    },
    context: ({ db, leaderboard }, base) => ({
      ...base,
      env,
      db,
      loaders: createLoaders(db),
      leaderboard,
      now,
    }),
    consumers: ({ leaderboard }) => [
      userCreatedConsumer(),
      userUpdatedConsumer(),
      flashcardReviewedConsumer(leaderboard),
      topicCompletedConsumer(leaderboard),
      userDeletedConsumer(leaderboard),
    ],
    background: async ({ db, log }) => [
      startStreakRiskScheduler({
        db,
        log,
        hour: env.STREAK_AT_RISK_HOUR,
        intervalMs: env.STREAK_AT_RISK_SCAN_INTERVAL_SECONDS * 1000,
        now,
      }),
    ],
  };
}
