import { randomBytes } from "node:crypto";
import postgres from "postgres";

export interface TestDatabases {
  /** Database URL per requested name; each database is new and empty. */
  urls: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * Fresh databases on the test Postgres server (TEST_DATABASE_URL, else DATABASE_URL, else
 * the local trust-auth server), dropped again by `dispose`. Services create them on start.
 */
export async function createTestDatabases(names: readonly string[]): Promise<TestDatabases> {
  const server = new URL(
    process.env.TEST_DATABASE_URL ??
      process.env.DATABASE_URL ??
      "postgres://postgres@127.0.0.1:5432/postgres",
  );
  const run = randomBytes(4).toString("hex");
  const urls: Record<string, string> = {};
  for (const name of names) {
    const url = new URL(server);
    url.pathname = `/kai_test_${run}_${name}`;
    urls[name] = url.toString();
  }
  return {
    urls,
    async dispose() {
      server.pathname = "/postgres";
      const sql = postgres(server.toString(), { max: 1, onnotice: () => {} });
      try {
        for (const name of names) {
          await sql.unsafe(`drop database if exists "kai_test_${run}_${name}" with (force)`);
        }
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
