import type { Logger } from "@kai/service";
import { Redis } from "ioredis";

/**
 * A Redis client that fails fast while Redis is away instead of queueing commands, so callers
 * fall back at once (Redis only holds what can be rebuilt) rather than hang. It keeps
 * reconnecting; `purpose` says in the outage warning what degrades meanwhile.
 */
export function connectRedis(url: string, log: Logger, purpose: string): Redis {
  const redis = new Redis(url, {
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
    if (up) log.warn({ err: error }, `redis unavailable; ${purpose}`);
    up = false;
  });
  return redis;
}
