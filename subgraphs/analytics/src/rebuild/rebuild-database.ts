import { openDatabase } from "@kai/db";
import { connectNats } from "@kai/events";
import type { Logger } from "@kai/service";
import { migrationsFolder } from "../app.ts";
import { schema } from "../db/tables.ts";
import { rebuildReadModel } from "./rebuild-read-model.ts";

export interface RebuildDatabaseOptions {
  /** The analytics database (a Postgres URL), or undefined for the embedded one in `pgliteDir`. */
  databaseUrl: string | undefined;
  pgliteDir: string;
  natsUrl: string;
  log: Logger;
}

/** Opens the analytics database and NATS the way the service does, rebuilds, and closes both. */
export async function rebuildDatabase(options: RebuildDatabaseOptions): Promise<{ facts: number }> {
  const database = await openDatabase({
    url: options.databaseUrl,
    pgliteDir: options.pgliteDir,
    migrationsFolder,
    schema,
  });
  try {
    const nats = await connectNats(options.natsUrl, "kai-analytics-rebuild", options.log);
    try {
      return await rebuildReadModel({ db: database.db, nats, log: options.log });
    } finally {
      await nats.nc.drain();
    }
  } finally {
    await database.close();
  }
}
