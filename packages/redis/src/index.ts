export {
  type AttemptLimiter,
  type AttemptLimiterOptions,
  createAttemptLimiter,
} from "./attempt-limiter.ts";
export { connectRedis } from "./connect-redis.ts";
