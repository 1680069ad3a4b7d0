import { randomUUID } from "node:crypto";
import type { Db } from "@kai/db";
import type { Logger } from "@kai/service";
import type { Redis } from "ioredis";
import { type PeriodScore, periodScores } from "../db/point-awards.repo.ts";
import type { ProgressSchema } from "../db/tables.ts";
import {
  LEADERBOARD_PERIODS,
  type LeaderboardPeriod,
  type PeriodWindow,
  periodWindow,
} from "../domain/periods.ts";

export interface Leaderboard {
  /** Sets the user's absolute score on every board the instant falls in; call after the award commits. */
  refreshUser(userId: string, at: Date): Promise<void>;
  /** The top scores of the current period, highest first. */
  top(period: LeaderboardPeriod, limit: number): Promise<PeriodScore[]>;
  close(): Promise<void>;
}

// Boards are rebuilt from Postgres at least this often, which bounds how long a missed
// update (Redis briefly unreachable after a commit) can leave a score stale.
const BOARD_TTL_SECONDS = 60 * 60;

// Only a board that exists is updated: a missing one is rebuilt whole on the next read,
// and a board holding a single fresh score would pass for a complete one.
const SET_SCORE_IF_BOARD_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
end
return 0`;

const keyOf = (window: PeriodWindow) => `leaderboard:${window.id}`;

/**
 * Leaderboards as Redis sorted sets of points per user, with point_awards in Postgres as
 * the truth: scores are set (never incremented) from sums over the ledger, a missing board
 * is rebuilt from it, and with Redis down the board is computed from it directly.
 */
export function createLeaderboard(db: Db<ProgressSchema>, redis: Redis, log: Logger): Leaderboard {
  async function readOrRebuild(window: PeriodWindow, limit: number): Promise<PeriodScore[]> {
    const key = keyOf(window);
    // Redis drops an empty sorted set, so no members means no board.
    const flat = await redis.zrevrange(key, 0, limit - 1, "WITHSCORES");
    if (flat.length > 0) return pairsOf(flat);
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
    return scores.slice(0, limit);
  }

  return {
    async refreshUser(userId, at) {
      for (const period of LEADERBOARD_PERIODS) {
        const window = periodWindow(period, at);
        const [score] = await periodScores(db, window, { userId });
        await redis.eval(SET_SCORE_IF_BOARD_EXISTS, 1, keyOf(window), score?.points ?? 0, userId);
      }
    },
    async top(period, limit) {
      const window = periodWindow(period, new Date());
      try {
        return await readOrRebuild(window, limit);
      } catch (error) {
        log.warn({ err: error, period }, "leaderboard cache failed; computing from Postgres");
        return periodScores(db, window, { limit });
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
