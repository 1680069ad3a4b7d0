/**
 * `pnpm --filter @kai/analytics rebuild`: rebuilds the analytics read model from the event
 * streams (see rebuild-read-model.ts). Stop every analytics replica first; start them again
 * after, and they carry on from the end of the streams. Reads the same env as the service.
 */
import { join } from "node:path";
import { databaseUrlFor } from "@kai/config";
import { openDatabase } from "@kai/db";
import { connectNats } from "@kai/events";
import { createLogger } from "@kai/service";
import { migrationsFolder } from "../app.ts";
import { schema } from "../db/tables.ts";
import { loadAnalyticsEnv } from "../env.ts";
import { rebuildReadModel } from "./rebuild-read-model.ts";

const env = loadAnalyticsEnv();
const log = createLogger("analytics-rebuild", env.LOG_LEVEL);
const database = await openDatabase({
  url: databaseUrlFor("analytics"),
  pgliteDir: join(env.DATA_DIR, "analytics"),
  migrationsFolder,
  schema,
});
const nats = await connectNats(env.NATS_URL, "kai-analytics-rebuild", log);
try {
  const { facts } = await rebuildReadModel({ db: database.db, nats, log });
  console.log(`analytics rebuilt: ${facts} facts from the streams`);
} finally {
  await nats.nc.drain();
  await database.close();
}
