import { createTestDatabases, type TestDatabases } from "@kai/testkit";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabaseExists } from "./ensure-database.ts";

// postgres.js 3.4.9 reserved a transaction's connection only when BEGIN left room in the
// connection's pipeline (porsager/postgres#1210, fix proposed in #1218, patched here): a BEGIN
// that filled it was sent but its connection went back to the pool, so the transaction failed
// with UNSAFE_TRANSACTION and the pool's next statements ran inside it. `max_pipeline: 0` makes
// every BEGIN the one that fills its pipeline.
let databases: TestDatabases;
let url: string;

beforeAll(async () => {
  databases = await createTestDatabases(["pipeline"]);
  url = databases.urls.pipeline as string;
  await ensureDatabaseExists(url);
});

afterAll(async () => {
  await databases?.dispose();
});

describe("postgres.js transactions on a full pipeline", () => {
  it("keep their connection: the transaction commits and the pool's other statements stay out", async () => {
    // Read by postgres.js but missing from its types: passed as a variable, not checked as a literal.
    const options = { max: 2, max_pipeline: 0, onnotice: () => {} };
    const sql = postgres(url, options);
    try {
      await sql`create table if not exists pipeline_probe (note text not null)`;
      const xids = await sql.begin(async (tx) => {
        await tx`insert into pipeline_probe (note) values ('in the transaction')`;
        // A statement of the pool's while the transaction is open: it must not land inside it.
        const [other] = await sql`select pg_current_xact_id_if_assigned() as xid`;
        const [inside] = await tx`select pg_current_xact_id_if_assigned() as xid`;
        return { inside: inside?.xid, other: other?.xid };
      });
      expect(xids.inside).not.toBeNull();
      expect(xids.other).toBeNull();
      const [row] = await sql`select count(*)::int as n from pipeline_probe`;
      expect(row?.n).toBe(1);
    } finally {
      await sql.end({ timeout: 2 });
    }
  });
});
