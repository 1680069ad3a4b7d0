import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabases } from "@kai/testkit";
import { type Database, openDatabase } from "../open-database.ts";
import { type ProbeSchema, probeSchema } from "./probe-schema.ts";

/** The two drivers Kai runs on: PostgreSQL through postgres.js, and embedded PGlite. */
export const DRIVERS = ["postgres.js", "PGlite"] as const;
export type Driver = (typeof DRIVERS)[number];

export interface ProbeDatabases {
  drivers: Record<Driver, Database<ProbeSchema>>;
  /** The PostgreSQL database's URL. */
  url: string;
  close(): Promise<void>;
}

const migrationsFolder = new URL("./migrations", import.meta.url).pathname;

/** The probe schema migrated into a fresh PostgreSQL database `name` and a fresh PGlite one. */
export async function openProbeDatabases(name: string): Promise<ProbeDatabases> {
  const databases = await createTestDatabases([name]);
  const url = databases.urls[name] as string;
  const pgliteDir = mkdtempSync(join(tmpdir(), `kai-${name}-`));
  const opened = await Promise.allSettled([
    openDatabase({ url, pgliteDir: "", migrationsFolder, schema: probeSchema }),
    openDatabase({ url: undefined, pgliteDir, migrationsFolder, schema: probeSchema }),
  ]);
  const close = async () => {
    await Promise.all(
      opened.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)),
    );
    await databases.dispose();
    rmSync(pgliteDir, { recursive: true, force: true });
  };
  const [postgres, pglite] = opened;
  if (postgres?.status !== "fulfilled" || pglite?.status !== "fulfilled") {
    await close();
    const failed = opened.find((result) => result.status === "rejected");
    throw (failed as PromiseRejectedResult).reason;
  }
  return { drivers: { "postgres.js": postgres.value, PGlite: pglite.value }, url, close };
}
