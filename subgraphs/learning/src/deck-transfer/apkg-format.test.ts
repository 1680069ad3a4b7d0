import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readApkg, writeApkg } from "./apkg-format.ts";
import type { DeckCard } from "./deck-card.ts";
import { DeckFileError } from "./deck-file-error.ts";
import { sqlite } from "./sqlite.ts";

const DAY_MS = 86_400_000;
const CRT = 1_700_006_400; // 2023-11-15T00:00:00Z, epoch seconds
const NOW = new Date("2026-11-29T10:00:00Z");
const LIMITS = { maxCollectionBytes: 10_000_000, maxCards: 1_000 };

/**
 * A collection as Anki writes one, made here with sql.js rather than by Kai's writer: the
 * tables Anki's importer reads, decks as JSON in `col`, notes with \x1f-separated fields.
 */
async function ankiCollection(): Promise<Uint8Array> {
  const SQL = await sqlite();
  const db = new SQL.Database();
  db.run(`
    create table col (id integer primary key, crt integer, mod integer, scm integer, ver integer,
      dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
    create table notes (id integer primary key, guid text, mid integer, mod integer, usn integer,
      tags text, flds text, sfld text, csum integer, flags integer, data text);
    create table cards (id integer primary key, nid integer, did integer, ord integer, mod integer,
      usn integer, type integer, queue integer, due integer, ivl integer, factor integer,
      reps integer, lapses integer, left integer, odue integer, odid integer, flags integer,
      data text);`);
  const decks = {
    1: { id: 1, name: "Default" },
    1500: { id: 1500, name: "Languages::French" },
    1600: { id: 1600, name: "Languages" },
  };
  db.run("insert into col values (1, ?, 0, 0, 11, 0, 0, 0, '{}', '{}', ?, '{}', '{}')", [
    CRT,
    JSON.stringify(decks),
  ]);
  const note = (id: number, fields: string[]) =>
    db.run("insert into notes values (?, 'g', 1, 0, -1, '', ?, '', 0, 0, '')", [
      id,
      fields.join("\x1f"),
    ]);
  // cards: id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses
  const card = (values: number[], data = "") => {
    const [id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses] = values;
    db.run("insert into cards values (?, ?, ?, ?, 0, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)", [
      id ?? 0,
      nid ?? 0,
      did ?? 0,
      ord ?? 0,
      type ?? 0,
      queue ?? 0,
      due ?? 0,
      ivl ?? 0,
      factor ?? 0,
      reps ?? 0,
      lapses ?? 0,
      data,
    ]);
  };
  note(10, ["Bonjour &amp; <b>salut</b>", "hello<br>hi", "an extra field"]);
  card([100, 10, 1500, 0, 2, 2, 1200, 20, 2300, 7, 2], '{"s":31.5,"d":5.2,"dr":0.9}');
  card([101, 10, 1500, 1, 0, 0, 1, 0, 0, 0, 0]); // a second card of the note: not a second Kai card
  note(11, ["chat", "cat"]);
  card([110, 11, 1600, 0, 0, 0, 3, 0, 0, 0, 0]);
  note(12, ["chien", "dog"]);
  card([120, 12, 1500, 0, 1, 1, 1_764_410_000, 0, 2500, 1, 0]);
  note(13, ["no back", ""]);
  card([130, 13, 1500, 0, 0, 0, 4, 0, 0, 0, 0]);
  note(14, ["a note", "without a card"]);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe("readApkg", () => {
  it("reads an Anki collection: decks as paths, HTML as text, schedules in SM-2 terms", async () => {
    // Newer Anki puts the real collection in .anki21 and a stub in .anki2.
    const apkg = zipSync({
      "collection.anki2": strToU8("not the collection"),
      "collection.anki21": await ankiCollection(),
      media: strToU8("{}"),
    });
    const { cards, errors } = await readApkg(apkg, LIMITS, NOW);
    expect(cards).toEqual([
      {
        row: 1,
        path: ["Languages", "French"],
        front: "Bonjour & salut",
        back: "hello\nhi",
        schedule: {
          repetitions: 5,
          interval: 20,
          easeFactor: 2.3,
          nextReview: new Date(CRT * 1000 + 1200 * DAY_MS),
          lastReviewedAt: new Date(CRT * 1000 + 1180 * DAY_MS),
          fsrs: { stability: 31.5, difficulty: 5.2 },
        },
      },
      { row: 2, path: ["Languages"], front: "chat", back: "cat", schedule: null },
      {
        row: 3,
        path: ["Languages", "French"],
        front: "chien",
        back: "dog",
        schedule: {
          repetitions: 0,
          interval: 0,
          easeFactor: 2.5,
          nextReview: new Date(1_764_410_000 * 1000),
          lastReviewedAt: NOW,
        },
      },
    ]);
    expect(errors).toEqual([
      { row: 4, message: "the back is empty" },
      { row: 5, message: "the note has no card" },
    ]);
  });

  it("refuses what is not a readable package, with a reason", async () => {
    const read = (bytes: Uint8Array) => readApkg(bytes, LIMITS, NOW);
    await expect(read(strToU8("front,back"))).rejects.toThrow(DeckFileError);
    await expect(read(zipSync({ media: strToU8("{}") }))).rejects.toThrow(/no Anki collection/);
    await expect(read(zipSync({ "collection.anki21b": new Uint8Array(8) }))).rejects.toThrow(
      /anki21b/,
    );
    await expect(read(zipSync({ "collection.anki2": strToU8("not sqlite") }))).rejects.toThrow(
      DeckFileError,
    );
    const big = zipSync({ "collection.anki2": new Uint8Array(2_000_000) });
    await expect(
      readApkg(big, { maxCollectionBytes: 1_000_000, maxCards: 10 }, NOW),
    ).rejects.toThrow(/more than 1000000 bytes/);
  });
});

describe("writeApkg", () => {
  it("writes a collection readApkg reads back, parents of subdecks included", async () => {
    const cards: DeckCard[] = [
      {
        row: 1,
        path: ["Physics", "Optics", "Lenses"],
        front: "f <&>",
        back: "b\nc",
        schedule: null,
      },
      {
        row: 2,
        path: ["Physics"],
        front: "g",
        back: "9.81",
        schedule: {
          repetitions: 4,
          interval: 30,
          easeFactor: 2.6,
          nextReview: new Date("2026-12-20T00:00:00Z"),
          lastReviewedAt: new Date("2026-11-20T00:00:00Z"),
          fsrs: { stability: 40.25, difficulty: 4.5 },
        },
      },
    ];
    const apkg = await writeApkg(cards, NOW);
    expect(await readApkg(apkg, LIMITS, NOW)).toEqual({ cards, errors: [] });

    // What Anki's importer joins on: every note's note type and every card's deck exist in col.
    const files = unzipSync(apkg);
    expect(Object.keys(files).sort()).toEqual(["collection.anki2", "media"]);
    const db = new (await sqlite()).Database(files["collection.anki2"]);
    const column = (sql: string) => db.exec(sql)[0]?.values.map(([value]) => value) ?? [];
    const [ver] = column("select ver from col");
    const models = JSON.parse(String(column("select models from col")[0])) as object;
    const decks = JSON.parse(String(column("select decks from col")[0])) as Record<
      string,
      { name: string }
    >;
    const mids = column("select distinct mid from notes").map(String);
    const dids = column("select distinct did from cards").map(String);
    db.close();
    expect(ver).toBe(11);
    expect(mids).toEqual(Object.keys(models));
    expect(Object.values(decks).map((deck) => deck.name)).toEqual(
      expect.arrayContaining(["Physics", "Physics::Optics", "Physics::Optics::Lenses"]),
    );
    for (const did of dids) expect(Object.keys(decks)).toContain(did);
  });
});
