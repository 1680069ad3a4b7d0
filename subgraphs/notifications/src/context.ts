import type { Db } from "@kai/db";
import type { BaseContext } from "@kai/service";
import type { NotificationsSchema } from "./db/tables.ts";
import type { NotificationsEnv } from "./env.ts";
import type { createLoaders } from "./loaders.ts";

export interface NotificationsContext extends BaseContext {
  db: Db<NotificationsSchema>;
  loaders: ReturnType<typeof createLoaders>;
  env: NotificationsEnv;
  /** What `vapidPublicKey` answers: the configured key, or the stored development one. */
  vapidPublicKey: string;
  /** The current instant (read marks). Fixed in tests. */
  now(): Date;
}
