import type { Db } from "@kai/db";
import type { AttemptLimiter } from "@kai/redis";
import type { BaseContext } from "@kai/service";
import type { UsersSchema } from "./db/tables.ts";
import type { UsersEnv } from "./env.ts";
import type { createLoaders } from "./loaders.ts";

export interface UsersContext extends BaseContext {
  db: Db<UsersSchema>;
  loaders: ReturnType<typeof createLoaders>;
  env: UsersEnv;
  /** Counts failed sign-ins per email. */
  loginAttempts: AttemptLimiter;
}
