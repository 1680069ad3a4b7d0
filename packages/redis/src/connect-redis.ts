import type { Logger } from "@kai/logger";
import { Redis } from "ioredis";

export interface ConnectRedisOptions {
  /**
   * Whose keys these are, from `redisNamespace`: every key the client reads or writes is
   * prefixed with it, so callers write bare names (`leaderboard:all`) and can never reach
   * another deployment's or another database's keys.
   */
  namespace: string;
  /** What degrades while Redis is away, for the outage warning. */
  purpose: string;
}

/**
 * A Redis client that fails fast while Redis is away instead of queueing commands, so callers
 * fall back at once (Redis only holds what can be rebuilt) rather than hang. It keeps
 * reconnecting, and it keeps every key inside its namespace.
 */
export function connectRedis(url: string, log: Logger, options: ConnectRedisOptions): Redis {
  const redis = new Redis(url, {
    // ioredis applies the prefix to every key argument (EVAL's KEYS and RENAME's both names
    // too); only patterns (KEYS, SCAN MATCH) are left to the caller, and Kai uses none.
    keyPrefix: `${options.namespace}:`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  // Reported once per outage: ioredis emits an error for every failed reconnect attempt.
  let up = true;
  redis.on("ready", () => {
    if (!up) log.info("redis is back");
    up = true;
  });
  redis.on("error", (error: Error) => {
    if (up) log.warn({ err: error }, `redis unavailable; ${options.purpose}`);
    up = false;
  });
  return redis;
}
