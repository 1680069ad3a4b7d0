import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneOf, preparedOnce } from "./run-prepared.ts";
import { DRIVERS, openProbeDatabases, type ProbeDatabases } from "./testing/probe-databases.ts";
import { type ProbeSchema, probe } from "./testing/probe-schema.ts";
import type { DbOrTx } from "./types.ts";

let databases: ProbeDatabases;
const ids: Record<string, number[]> = {};

beforeAll(async () => {
  databases = await openProbeDatabases("prepared_once");
  for (const driver of DRIVERS) {
    const { db } = databases.drivers[driver];
    const rows = await db
      .insert(probe)
      .values(["red", "green", "blue", "green"].map((note) => ({ note })))
      .returning({ id: probe.id });
    ids[driver] = rows.map((row) => row.id);
  }
});

afterAll(async () => {
  await databases?.close();
});

/** A statement over the probe table that counts how often it is built. */
function probeStatement() {
  const builds: string[] = [];
  const statement = preparedOnce((db: DbOrTx<ProbeSchema>, variant: { noted: boolean }) => {
    builds.push(JSON.stringify(variant));
    return db
      .select({ id: probe.id, note: probe.note })
      .from(probe)
      .where(
        sql`${oneOf(probe.id, "ids")} ${
          variant.noted ? sql`and ${eq(probe.note, sql.placeholder("note"))}` : sql``
        }`,
      )
      .orderBy(probe.id);
  });
  return { statement, builds };
}

describe.each(DRIVERS)("statements prepared once, on %s", (driver) => {
  const db = () => databases.drivers[driver].db;
  const notes = (rows: { note: string }[]) => rows.map((row) => row.note);

  it("fills its placeholders afresh on every call, lists included", async () => {
    const { statement } = probeStatement();
    const [red, green, blue, green2] = ids[driver] as number[];
    const all = statement(db(), { noted: false });
    expect(notes(await all.execute({ ids: [red, blue] }))).toEqual(["red", "blue"]);
    expect(notes(await all.execute({ ids: [green, green2, blue] }))).toEqual([
      "green",
      "blue",
      "green",
    ]);
    expect(await all.execute({ ids: [] })).toEqual([]);
    const noted = statement(db(), { noted: true });
    expect(await noted.execute({ ids: [red, green, blue, green2], note: "green" })).toEqual([
      { id: green, note: "green" },
      { id: green2, note: "green" },
    ]);
  });

  it("builds each variant once per database, and again for another database", async () => {
    const { statement, builds } = probeStatement();
    const [red] = ids[driver] as number[];
    for (let i = 0; i < 3; i++) {
      await statement(db(), { noted: false }).execute({ ids: [red] });
      await statement(db(), { noted: true }).execute({ ids: [red], note: "red" });
    }
    expect(builds).toEqual(['{"noted":false}', '{"noted":true}']);
    const other = DRIVERS.find((name) => name !== driver) as (typeof DRIVERS)[number];
    await statement(databases.drivers[other].db, { noted: false }).execute({ ids: [] });
    expect(builds).toHaveLength(3);
  });

  it("runs in a transaction on the transaction's connection, seeing its uncommitted rows", async () => {
    const { statement } = probeStatement();
    let seen: { note: string }[] = [];
    const rolledBack = await db()
      .transaction(async (tx) => {
        const [row] = await tx.insert(probe).values({ note: "uncommitted" }).returning();
        seen = await statement(tx, { noted: false }).execute({ ids: [row?.id] });
        tx.rollback();
      })
      .then(
        () => false,
        () => true,
      );
    expect(rolledBack).toBe(true);
    expect(notes(seen)).toEqual(["uncommitted"]);
  });
});
