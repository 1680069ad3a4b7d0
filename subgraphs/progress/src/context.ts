import type { BaseContext } from "@kai/service";
import type { ProgressEnv } from "./env.ts";
import type { Leaderboard } from "./leaderboard/leaderboard.ts";
import type { createLoaders } from "./loaders.ts";

export interface ProgressContext extends BaseContext {
  loaders: ReturnType<typeof createLoaders>;
  leaderboard: Leaderboard;
  env: ProgressEnv;
  /** The current instant: a streak is current relative to it. Fixed in tests. */
  now(): Date;
}
