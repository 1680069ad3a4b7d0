import type { Db } from "@kai/db";
import type { BaseContext } from "@kai/service";
import type { AnalyticsSchema } from "./db/tables.ts";

export interface AnalyticsContext extends BaseContext {
  db: Db<AnalyticsSchema>;
  /** The current instant (which week is the current cohort). Fixed in tests. */
  now(): Date;
}
