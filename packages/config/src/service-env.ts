import { z } from "zod";

/** The settings every Kai process shares; each service extends this with its own. */
export const serviceEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** Shared, rebuildable state: leaderboards, rate limits. Losing it loses no data. */
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where subgraphs fetch the access-token public keys from. */
  JWKS_URL: z.url().default("http://127.0.0.1:4001/.well-known/jwks.json"),
  /** Directory for embedded PGlite databases when no DATABASE_URL is set. */
  DATA_DIR: z.string().default(".data"),
});

export type ServiceEnv = z.infer<typeof serviceEnv>;
