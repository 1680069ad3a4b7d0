import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { postgresBinDir } from "@kai/testkit";

const run = promisify(execFile);

/**
 * Rows of one query, each a list of column texts, read with the server's own psql: the
 * end-to-end tests reach the databases only to audit them, so they need no driver of their own.
 */
export async function queryRows(url: string, sql: string): Promise<string[][]> {
  const { stdout } = await run(
    join(postgresBinDir(), "psql"),
    ["-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
    { timeout: 10_000 },
  );
  return stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => line.split("\t"));
}
