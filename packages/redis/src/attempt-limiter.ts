import type { Logger } from "@kai/logger";
import type { Redis } from "ioredis";

export interface AttemptLimiterOptions {
  /** Names the limiter in Redis keys, e.g. "login". */
  name: string;
  /** Failures allowed per key within a window. */
  limit: number;
  windowSeconds: number;
}

export interface AttemptLimiter {
  /** Seconds until `key` may try again, or 0 when it may try now. */
  blockedFor(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
}

/**
 * Counts failures per key in fixed windows (brute-force protection). When Redis is away it
 * lets attempts through: it guards against abuse, and must not lock everyone out.
 */
export function createAttemptLimiter(
  redis: Redis,
  log: Logger,
  options: AttemptLimiterOptions,
): AttemptLimiter {
  const keyOf = (key: string) => `limit:${options.name}:${key}`;
  const failOpen = (error: unknown) => {
    log.warn(
      { err: error, limiter: options.name },
      "rate limiter unavailable; allowing the attempt",
    );
  };
  return {
    async blockedFor(key) {
      try {
        const [count, ttl] = await redis
          .multi()
          .get(keyOf(key))
          .ttl(keyOf(key))
          .exec()
          .then((replies) => (replies ?? []).map(([, value]) => Number(value)));
        return (count ?? 0) >= options.limit ? Math.max(ttl ?? 0, 1) : 0;
      } catch (error) {
        failOpen(error);
        return 0;
      }
    },
    async recordFailure(key) {
      try {
        await redis.multi().incr(keyOf(key)).expire(keyOf(key), options.windowSeconds, "NX").exec();
      } catch (error) {
        failOpen(error);
      }
    },
  };
}
