import { createHash, randomBytes } from "node:crypto";
import { strToU8, unzipSync, zipSync } from "fflate";
import type { Database } from "sql.js";
import {
  basicModel,
  COLLECTION_SCHEMA,
  collectionConfig,
  DECK_OPTIONS,
  deckJson,
  MODEL_ID,
} from "./anki-collection.ts";
import { fromAnkiHtml, toAnkiHtml } from "./anki-html.ts";
import { type AnkiScheduling, fromAnki, isAnkiReview, toAnki } from "./anki-schedule.ts";
import {
  cardProblem,
  type DeckCard,
  PATH_SEPARATOR,
  type ParsedDeck,
  splitPath,
} from "./deck-card.ts";
import { DeckFileError } from "./deck-file-error.ts";
import { pathKey } from "./deck-tree.ts";
import { type FsrsState, isFsrsState } from "./fsrs-memory.ts";
import type { ImportRowError } from "./import-job.ts";
import { sqlite } from "./sqlite.ts";

const DAY_S = 86_400;
const FIELD_SEPARATOR = "\x1f";

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the sort field, as a number. */
const checksum = (text: string) =>
  Number.parseInt(createHash("sha1").update(text).digest("hex").slice(0, 8), 16);

/**
 * The cards as an .apkg Anki imports: a zip of `collection.anki2` (a SQLite collection with
 * one deck per path, "Parent::Child" as Anki names subdecks) and an empty `media` map. Every
 * card's path starts with the exported topic's name.
 */
export async function writeApkg(cards: readonly DeckCard[], now: Date): Promise<Uint8Array> {
  const SQL = await sqlite();
  const db = new SQL.Database();
  try {
    db.run(COLLECTION_SCHEMA);
    const nowS = Math.floor(now.getTime() / 1000);
    // The collection began at the start of today (UTC): review cards' due days count from it.
    const crt = nowS - (nowS % DAY_S);
    const deckIds = new Map<string, number>();
    const decks: Record<string, unknown> = {};
    const deckIdOf = (path: string[]) => {
      const key = pathKey(path);
      let id = deckIds.get(key);
      if (id === undefined) {
        id = now.getTime() + deckIds.size + 1;
        deckIds.set(key, id);
        decks[id] = deckJson(id, path.join(PATH_SEPARATOR), nowS);
      }
      return id;
    };
    // Anki wants every parent of a subdeck to exist as a deck of its own.
    for (const card of cards)
      for (let depth = 1; depth <= card.path.length; depth++) deckIdOf(card.path.slice(0, depth));
    insertCards(db, cards, { crt, nowS, deckIdOf, firstId: now.getTime() });
    const [firstDeck] = deckIds.values();
    db.run("insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')", [
      crt,
      now.getTime(),
      now.getTime(),
      JSON.stringify(collectionConfig(firstDeck ?? 1)),
      JSON.stringify(basicModel(firstDeck ?? 1, nowS)),
      JSON.stringify({ 1: deckJson(1, "Default", nowS), ...decks }),
      JSON.stringify(DECK_OPTIONS),
    ]);
    return zipSync({ "collection.anki2": db.export(), media: strToU8("{}") });
  } finally {
    db.close();
  }
}

function insertCards(
  db: Database,
  cards: readonly DeckCard[],
  at: { crt: number; nowS: number; deckIdOf(path: string[]): number; firstId: number },
): void {
  const note = db.prepare("insert into notes values (?, ?, ?, ?, -1, '', ?, ?, ?, 0, '')");
  const card = db.prepare(
    "insert into cards values (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)",
  );
  try {
    db.run("begin");
    cards.forEach((kaiCard, index) => {
      const id = at.firstId + index;
      const front = toAnkiHtml(kaiCard.front);
      const guid = randomBytes(8).toString("base64url");
      note.run([
        id,
        guid,
        MODEL_ID,
        at.nowS,
        `${front}${FIELD_SEPARATOR}${toAnkiHtml(kaiCard.back)}`,
        front,
        checksum(front),
      ]);
      const s = toAnki(kaiCard.schedule, at.crt, index + 1);
      card.run([
        id,
        id,
        at.deckIdOf(kaiCard.path),
        at.nowS,
        s.type,
        s.queue,
        s.due,
        s.ivl,
        s.factor,
        s.reps,
        s.lapses,
        ankiCardData(kaiCard.schedule?.fsrs),
      ]);
    });
    db.run("commit");
  } finally {
    note.free();
    card.free();
  }
}

/** Anki (23.10 and later) keeps a card's FSRS memory in `cards.data` as {"s", "d"}. */
const ankiCardData = (fsrs: FsrsState | undefined) =>
  fsrs ? JSON.stringify({ s: fsrs.stability, d: fsrs.difficulty }) : "";

function fsrsOfData(data: unknown): FsrsState | undefined {
  try {
    const { s, d } = JSON.parse(String(data)) as { s?: unknown; d?: unknown };
    const state = { stability: s, difficulty: d };
    return isFsrsState(state) ? (state as FsrsState) : undefined;
  } catch {
    return undefined;
  }
}

/** Limits on what an .apkg may unpack to, so a small zip cannot expand without bound. */
export interface ApkgLimits {
  maxCollectionBytes: number;
  maxCards: number;
}

/** The collection inside an .apkg: `collection.anki21` when present (newer Anki), else `.anki2`. */
function collectionOf(bytes: Uint8Array, limits: ApkgLimits): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.startsWith("collection.anki2")) return false;
        if (file.originalSize > limits.maxCollectionBytes)
          throw new DeckFileError(
            `The deck's collection unpacks to more than ${limits.maxCollectionBytes} bytes`,
          );
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DeckFileError) throw error;
    throw new DeckFileError("The file is not a readable .apkg (zip) archive");
  }
  const collection = files["collection.anki21"] ?? files["collection.anki2"];
  if (collection) return collection;
  if (files["collection.anki21b"])
    throw new DeckFileError(
      "This .apkg uses Anki's newest compressed format (collection.anki21b); export it again " +
        "from Anki with “Support older Anki versions” checked",
    );
  throw new DeckFileError("The .apkg holds no Anki collection (collection.anki2)");
}

const rowsOf = (db: Database, sql: string) => {
  const [result] = db.exec(sql);
  return result?.values ?? [];
};

/**
 * The cards of an .apkg: one per note (its first card's deck and schedule), front and back
 * from the note's first two fields, HTML reduced to text. Notes are numbered from 1 in id
 * order; a note that is not a card is reported by that number.
 */
export async function readApkg(
  bytes: Uint8Array,
  limits: ApkgLimits,
  now: Date,
): Promise<ParsedDeck> {
  const SQL = await sqlite();
  let db: Database;
  try {
    db = new SQL.Database(collectionOf(bytes, limits));
  } catch (error) {
    if (error instanceof DeckFileError) throw error;
    throw new DeckFileError("The .apkg's collection is not a SQLite database");
  }
  try {
    const [col] = rowsOf(db, "select crt, decks from col limit 1");
    if (!col) throw new DeckFileError("The .apkg's collection has no col row");
    const crt = Number(col[0]);
    const deckNames = new Map(
      Object.values(JSON.parse(String(col[1])) as Record<string, { id: number; name: string }>).map(
        (deck) => [Number(deck.id), deck.name],
      ),
    );
    const [counted] = rowsOf(db, "select count(*) from notes");
    if (Number(counted?.[0] ?? 0) > limits.maxCards)
      throw new DeckFileError(`The deck has more than ${limits.maxCards} notes`);
    const rows = rowsOf(
      db,
      `select n.flds, c.did, c.data, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses
         from notes n left join cards c on c.id = (
           select id from cards where nid = n.id order by ord, id limit 1)
        order by n.id`,
    );
    const cards: DeckCard[] = [];
    const errors: ImportRowError[] = [];
    rows.forEach((row, index) => {
      const parsed = cardOfNote(row, index + 1, { crt, deckNames, now });
      if ("message" in parsed) errors.push(parsed);
      else cards.push(parsed);
    });
    return { cards, errors };
  } catch (error) {
    if (error instanceof DeckFileError) throw error;
    throw new DeckFileError(`The .apkg's collection is not one Kai can read: ${String(error)}`);
  } finally {
    db.close();
  }
}

function cardOfNote(
  row: unknown[],
  number: number,
  at: { crt: number; deckNames: Map<number, string>; now: Date },
): DeckCard | ImportRowError {
  const [flds, did, data, ...scheduling] = row;
  if (did === null || did === undefined) return { row: number, message: "the note has no card" };
  const [front = "", back = ""] = String(flds).split(FIELD_SEPARATOR).map(fromAnkiHtml);
  const path = splitPath(at.deckNames.get(Number(did)) ?? "");
  const card = { row: number, path, front, back };
  const problem = cardProblem(card);
  if (problem) return { row: number, message: problem };
  const [type, queue, due, ivl, factor, reps, lapses] = scheduling.map(Number);
  const anki: AnkiScheduling = {
    type: type ?? 0,
    queue: queue ?? 0,
    due: due ?? 0,
    ivl: ivl ?? 0,
    factor: factor ?? 0,
    reps: reps ?? 0,
    lapses: lapses ?? 0,
  };
  const schedule = fromAnki(anki, at.crt, at.now);
  const fsrs = isAnkiReview(anki) ? fsrsOfData(data) : undefined;
  return { ...card, schedule: schedule && fsrs ? { ...schedule, fsrs } : schedule };
}
