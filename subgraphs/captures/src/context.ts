import type { Db } from "@kai/db";
import type { OutboxRelay } from "@kai/events";
import type { BaseContext } from "@kai/service";
import type { CapturesSchema } from "./db/tables.ts";
import type { CapturesEnv } from "./env.ts";
import type { Loaders } from "./loaders.ts";

export interface CapturesContext extends BaseContext {
  db: Db<CapturesSchema>;
  relay: OutboxRelay;
  loaders: Loaders;
  env: CapturesEnv;
}
