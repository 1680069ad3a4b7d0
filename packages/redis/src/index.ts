export {
  type AttemptLimiter,
  type AttemptLimiterOptions,
  createAttemptLimiter,
} from "./attempt-limiter.ts";
export { type ConnectRedisOptions, connectRedis } from "./connect-redis.ts";
export { redisNamespace } from "./namespace.ts";
