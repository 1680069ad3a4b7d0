import type { BaseContext } from "@kai/service";
import type { NotificationsEnv } from "./env.ts";
import type { createLoaders } from "./loaders.ts";

export interface NotificationsContext extends BaseContext {
  loaders: ReturnType<typeof createLoaders>;
  env: NotificationsEnv;
  /** The current instant (quiet hours, reminder windows). Fixed in tests. */
  now(): Date;
}
