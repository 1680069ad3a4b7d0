import type { Db } from "@kai/db";
import type { BaseContext } from "@kai/service";
import type { ProgressSchema } from "./db/tables.ts";
import type { ProgressEnv } from "./env.ts";
import type { Leaderboard } from "./leaderboard/leaderboard.ts";
import type { createLoaders } from "./loaders.ts";

export interface ProgressContext extends BaseContext {
  /** For mutations, which write in a transaction of their own; reads go through `loaders`. */
  db: Db<ProgressSchema>;
  loaders: ReturnType<typeof createLoaders>;
  leaderboard: Leaderboard;
  env: ProgressEnv;
  /** The current instant: a streak is current relative to it. Fixed in tests. */
  now(): Date;
}
