/**
 * The benchmark's knobs, read from the environment so `pnpm bench` needs no arguments. The
 * defaults give the 1,000 subscribers as 100 users × 10 sockets: registering hashes
 * a password with argon2id, so 1,000 users would spend most of the time budget on setup
 * while exercising the same paths (the gateway's NATS feed is per user, shared by sockets).
 */
export interface BenchOptions {
  users: number;
  socketsPerUser: number;
  /** Measured reviews, spread round-robin over the users. */
  reviews: number;
  /** Reviews sent per second: a steady pace, like many users studying at once, not a burst. */
  rate: number;
  /** The whole run is abandoned, and cleaned up, after this long. */
  deadlineMs: number;
}

export function loadBenchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  return {
    users: positive(env, "BENCH_USERS", 100),
    socketsPerUser: positive(env, "BENCH_SOCKETS_PER_USER", 10),
    reviews: positive(env, "BENCH_REVIEWS", 200),
    rate: positive(env, "BENCH_RATE", 10),
    deadlineMs: positive(env, "BENCH_DEADLINE_SECONDS", 300) * 1000,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}
