/**
 * `pnpm --filter @kai/analytics rebuild-read-model` rebuilds the analytics read model from the
 * event streams (see rebuild-read-model.ts); the script is not called `rebuild`, which is
 * pnpm's own command (it rebuilds native packages) and would win. Stop every analytics replica
 * first; start them again after, and they carry on from the end of the streams. Reads the same
 * env as the service.
 */
import { join } from "node:path";
import { databaseUrlFor } from "@kai/config";
import { createLogger } from "@kai/service";
import { loadAnalyticsEnv } from "../env.ts";
import { rebuildDatabase } from "./rebuild-database.ts";

const env = loadAnalyticsEnv();
const { facts } = await rebuildDatabase({
  databaseUrl: databaseUrlFor("analytics"),
  pgliteDir: join(env.DATA_DIR, "analytics"),
  natsUrl: env.NATS_URL,
  log: createLogger("analytics-rebuild", env.LOG_LEVEL),
});
console.log(`analytics read model rebuilt: ${facts} facts replayed from the streams`);
