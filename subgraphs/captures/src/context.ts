import type { Db } from "@kai/db";
import type { BaseContext } from "@kai/service";
import type { CapturesSchema } from "./db/tables.ts";
import type { CapturesEnv } from "./env.ts";
import type { Loaders } from "./loaders.ts";

export interface CapturesContext extends BaseContext {
  db: Db<CapturesSchema>;
  loaders: Loaders;
  env: CapturesEnv;
}
