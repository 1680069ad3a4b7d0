import { PGlite } from "@electric-sql/pglite";
import { Column, entityKind, eq, is, SQL, sql, Table } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { drizzle, type PgliteDatabase } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// patches/drizzle-orm@0.45.4.patch, for CPU: after their own SQL, drizzle was the largest cost
// of the learning and captures subgraphs (bench/README.md).
// - `is` tells a Column from an SQL fragment, also across copies of drizzle (it compares entity
//   kinds along the class chain, not classes). Unpatched, it walked that chain again on every
//   check that `instanceof` did not settle; query building makes thousands per statement. It
//   now finds a class's kinds once.
// - `mapResultRow` ran four such checks per cell of every row to pick the cell's decoder; it
//   now picks each field's decoder once per selection.

/** Classes as another copy of drizzle would define them: same kinds, different classes. */
function foreignColumnClass(reads: { count: number }) {
  class ForeignColumn {
    readonly name = "body";
    static get [entityKind]() {
      reads.count++;
      return "Column";
    }
  }
  return class ForeignPgColumn extends ForeignColumn {
    static override get [entityKind]() {
      reads.count++;
      return "PgColumn";
    }
  };
}

describe("drizzle's is(), as patched", () => {
  it("answers as before for drizzle's own entities", () => {
    const notes = pgTable("notes", { body: text("body") });
    const fragment = sql`1`;
    expect(is(notes.body, Column)).toBe(true);
    expect(is(notes.body, SQL)).toBe(false);
    expect(is(fragment, SQL)).toBe(true);
    expect(is(fragment, Column)).toBe(false);
    expect(is(fragment.as("one"), SQL.Aliased)).toBe(true);
    expect(is(fragment.as("one"), SQL)).toBe(false);
    expect(is(notes, Table)).toBe(true);
    expect(is(undefined, Column)).toBe(false);
  });

  it("recognises another copy's entities by kind, reading each class's kind once", () => {
    const reads = { count: 0 };
    const ForeignPgColumn = foreignColumnClass(reads);
    const column = new ForeignPgColumn();
    expect(is(column, Column)).toBe(true);
    expect(is(column, SQL)).toBe(false);
    const afterFirstChecks = reads.count;
    for (let i = 0; i < 100; i++) {
      expect(is(new ForeignPgColumn(), Column)).toBe(true);
      expect(is(column, SQL)).toBe(false);
    }
    expect(reads.count).toBe(afterFirstChecks);
  });
});

describe("drizzle's row mapping, as patched", () => {
  const notes = pgTable("notes", { id: integer("id"), body: text("body"), at: timestamp("at") });
  const tags = pgTable("tags", { noteId: integer("note_id"), name: text("name") });
  let client: PGlite;
  let db: PgliteDatabase;

  beforeAll(async () => {
    client = new PGlite();
    db = drizzle(client);
    await client.exec(`
      create table notes (id integer, body text, at timestamp);
      create table tags (note_id integer, name text);
      insert into notes values (1, 'hello', '2026-11-29 12:00:00'), (2, null, null);
      insert into tags values (1, 'bio');`);
  });
  afterAll(() => client?.close());

  it("decodes each cell as before: columns, mapped fragments, nested paths, nulls", async () => {
    const rows = await db
      .select({
        body: notes.body,
        at: notes.at,
        stats: { doubled: sql<number>`${notes.id} * 21`.mapWith((value) => Number(value) * 2) },
      })
      .from(notes)
      .orderBy(notes.id);
    expect(rows).toEqual([
      { body: "hello", at: new Date("2026-11-29T12:00:00Z"), stats: { doubled: 42 } },
      { body: null, at: null, stats: { doubled: 84 } },
    ]);
  });

  it("nulls a left-joined table that matched nothing", async () => {
    const rows = await db
      .select()
      .from(notes)
      .leftJoin(tags, eq(tags.noteId, notes.id))
      .orderBy(notes.id);
    expect(rows.map((row) => row.tags)).toEqual([{ noteId: 1, name: "bio" }, null]);
  });

  it("picks a field's decoder once per statement, not once per row", async () => {
    let reads = 0;
    const n = sql`n`;
    Object.defineProperty(n, "decoder", {
      get() {
        reads++;
        return { mapFromDriverValue: Number };
      },
    });
    const rows = await db.select({ n }).from(sql`generate_series(1, 50) as n`);
    expect(rows.at(-1)).toEqual({ n: 50 });
    expect(reads).toBe(1);
  });
});
