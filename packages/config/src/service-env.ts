import { z } from "zod";

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The settings every Kai process shares; each service extends this with its own. */
export const serviceEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** Copies JetStream keeps of each stream: 3 on a three-node cluster (R3), 1 on a lone server. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * How long an event a consumer received may go unacknowledged before JetStream hands it to
   * another replica: the delay before a crashed consumer's work resumes.
   */
  EVENTS_ACK_WAIT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** Shared, rebuildable state: leaderboards, rate limits. Losing it loses no data. */
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where subgraphs fetch the access-token public keys from. */
  JWKS_URL: z.url().default("http://127.0.0.1:4001/.well-known/jwks.json"),
  /** Directory for embedded PGlite databases when no DATABASE_URL is set. */
  DATA_DIR: z.string().default(".data"),
  /**
   * Operation limits, the same at the gateway and in every subgraph. The defaults are GraphQL
   * Armor's; the cost bounds the objects an operation may ask for, lists multiplied out.
   */
  MAX_QUERY_DEPTH: count(6),
  MAX_QUERY_ALIASES: count(15),
  MAX_QUERY_DIRECTIVES: count(50),
  MAX_QUERY_TOKENS: count(1_000),
  MAX_QUERY_COST: count(5_000),
  /** The length the cost assumes for a list field without a `first` or `limit` argument. */
  DEFAULT_LIST_SIZE: count(20),
  /** Largest request body accepted, in bytes; a larger one gets BAD_REQUEST (413). */
  MAX_REQUEST_BYTES: count(512 * 1024),
});

export type ServiceEnv = z.infer<typeof serviceEnv>;
