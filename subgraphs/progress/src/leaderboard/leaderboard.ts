import { randomUUID } from "node:crypto";
import type { Db } from "@kai/db";
import type { Logger } from "@kai/service";
import type { Redis } from "ioredis";
import { type PeriodScore, periodScores, userScoresIn } from "../db/point-awards.repo.ts";
import { findProgressByUserIds } from "../db/progress.repo.ts";
import type { UserProgressRow } from "../db/schema.ts";
import type { ProgressSchema } from "../db/tables.ts";
import {
  LEADERBOARD_PERIODS,
  type LeaderboardPeriod,
  type PeriodWindow,
  periodWindow,
} from "../domain/periods.ts";

/** A score of a user this database knows, with their progress row (level, streak). */
export interface RankedScore extends PeriodScore {
  progress: UserProgressRow;
}

export interface Leaderboard {
  /**
   * Sets the user's absolute score on every board the instant falls in; call after the award
   * commits. The consumer coalesces a user's refreshes into one for their newest event: its
   * instant's boards are the ones still read (an older event's week or month that has ended
   * since is no longer shown), and the scores are read afresh, so it covers the older ones.
   */
  refreshUser(userId: string, at: Date): Promise<void>;
  /**
   * Takes the user off every board that can be read now and every board of the instant `at`
   * (their deletion); call after their progress rows are gone, so no rebuild brings them back.
   */
  removeUser(userId: string, at: Date): Promise<void>;
  /**
   * The top scores of the current period, highest first, of users with a user_progress row
   * only: whatever else a board holds is dropped from it, never shown.
   */
  top(period: LeaderboardPeriod, limit: number): Promise<RankedScore[]>;
  close(): Promise<void>;
}

// Boards are rebuilt from Postgres at least this often, which bounds how long a missed
// update (Redis briefly unreachable after a commit) can leave a score stale.
const BOARD_TTL_SECONDS = 60 * 60;

// Cleaning a board is repeated at most this often per read; a board still holding strangers
// after that is mostly not ours, and is cheaper to rebuild than to clean.
const MAX_CLEANING_ROUNDS = 3;

// Only a board that exists is updated: a missing one is rebuilt whole on the next read,
// and a board holding a single fresh score would pass for a complete one. One call sets the
// user's score (ARGV[i]; the user is the last ARGV) on every board (KEYS[i]) of an instant.
const SET_SCORES_ON_EXISTING_BOARDS = `
local member = ARGV[#ARGV]
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('ZADD', key, ARGV[i], member) end
end
return 0`;

// Bare names: the client's namespace (redisNamespace, with this database's id) prefixes them.
const keyOf = (window: PeriodWindow) => `leaderboard:${window.id}`;

export interface LeaderboardOptions {
  /** The current instant, which picks the week and month a read shows. Default: the system clock. */
  now?: () => Date;
}

/**
 * Leaderboards as Redis sorted sets of points per user, with point_awards in Postgres as
 * the truth: scores are set (never incremented) from sums over the ledger, a missing board
 * is rebuilt from it, and with Redis down the board is computed from it directly. A member
 * without a user_progress row (a user deleted since, or a key written by anything else) is
 * removed from the board when a read meets it.
 */
export function createLeaderboard(
  db: Db<ProgressSchema>,
  redis: Redis,
  log: Logger,
  { now = () => new Date() }: LeaderboardOptions = {},
): Leaderboard {
  /** The scores whose users progress knows, and the members it does not. */
  async function rank(scores: PeriodScore[]) {
    const rows = await findProgressByUserIds(
      db,
      scores.map((score) => score.userId),
    );
    const byUser = new Map(rows.map((row) => [row.userId, row]));
    const ranked: RankedScore[] = [];
    const strangers: string[] = [];
    for (const score of scores) {
      const progress = byUser.get(score.userId);
      if (progress) ranked.push({ ...score, progress });
      else strangers.push(score.userId);
    }
    return { ranked, strangers };
  }

  /** The board as Redis holds it, cleaned of strangers; undefined when there is no usable board. */
  async function read(key: string, limit: number): Promise<RankedScore[] | undefined> {
    for (let round = 0; round < MAX_CLEANING_ROUNDS; round++) {
      // Redis drops an empty sorted set, so no members means no board.
      const flat = await redis.zrevrange(key, 0, limit - 1, "WITHSCORES");
      if (flat.length === 0) return undefined;
      const { ranked, strangers } = await rank(pairsOf(flat));
      if (strangers.length === 0) return ranked;
      log.warn({ board: key, strangers }, "leaderboard held unknown users; removing them");
      // Removed, then read again: the places they held go to the next users in line.
      await redis.zrem(key, ...strangers);
    }
    await redis.del(key);
    return undefined;
  }

  async function rebuild(key: string, window: PeriodWindow, limit: number) {
    const scores = await periodScores(db, window);
    if (scores.length > 0) {
      // Built aside and renamed into place, so readers never see a half-written board.
      const staging = `${key}:rebuild:${randomUUID()}`;
      await redis
        .multi()
        .zadd(staging, ...scores.flatMap((score) => [score.points, score.userId]))
        .expire(staging, BOARD_TTL_SECONDS)
        .rename(staging, key)
        .exec();
    }
    return (await rank(scores.slice(0, limit))).ranked;
  }

  return {
    async refreshUser(userId, at) {
      // Two round trips, one to each store, whatever the number of boards.
      const windows = LEADERBOARD_PERIODS.map((period) => periodWindow(period, at));
      const scores = await userScoresIn(db, userId, windows);
      await redis.eval(
        SET_SCORES_ON_EXISTING_BOARDS,
        windows.length,
        ...windows.map(keyOf),
        ...scores,
        userId,
      );
    },
    async removeUser(userId, at) {
      const keys = new Set(
        LEADERBOARD_PERIODS.flatMap((period) => [
          keyOf(periodWindow(period, now())),
          keyOf(periodWindow(period, at)),
        ]),
      );
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.zrem(key, userId);
      await pipeline.exec();
    },
    async top(period, limit) {
      const window = periodWindow(period, now());
      const key = keyOf(window);
      try {
        return (await read(key, limit)) ?? (await rebuild(key, window, limit));
      } catch (error) {
        log.warn({ err: error, period }, "leaderboard cache failed; computing from Postgres");
        return (await rank(await periodScores(db, window, { limit }))).ranked;
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function pairsOf(flat: string[]): PeriodScore[] {
  const scores: PeriodScore[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    scores.push({ userId: flat[i] as string, points: Number(flat[i + 1]) });
  }
  return scores;
}
