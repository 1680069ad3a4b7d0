import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, startPostgresCluster } from "./postgres-cluster.ts";

let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});

afterAll(async () => {
  await cluster?.dispose();
});

/** One short-lived connection per call, so a crash in between leaves no broken pool behind. */
async function query<T extends postgres.MaybeRow>(text: string): Promise<T[]> {
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    return await sql.unsafe<T[]>(text);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe("startPostgresCluster", () => {
  it("answers queries on 127.0.0.1", async () => {
    expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const [row] = await query<{ one: number }>("select 1 as one");
    expect(row?.one).toBe(1);
  });

  it("keeps committed rows through crash() and start() on the same port", async () => {
    await query("create table kept (id int primary key)");
    await query("insert into kept values (1), (2), (3)");
    await cluster.crash();
    await expect(query("select 1")).rejects.toThrow();
    await cluster.start();
    const rows = await query<{ count: string }>("select count(*) from kept");
    expect(rows[0]?.count).toBe("3");
  });

  it("stops and starts cleanly", async () => {
    await cluster.stop();
    await expect(query("select 1")).rejects.toThrow();
    await cluster.start();
    const rows = await query<{ count: string }>("select count(*) from kept");
    expect(rows[0]?.count).toBe("3");
  });

  it("dispose() stops the server", async () => {
    const other = await startPostgresCluster();
    const url = other.url;
    await other.dispose();
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    await expect(sql`select 1`).rejects.toThrow();
    await sql.end({ timeout: 1 });
  });
});
