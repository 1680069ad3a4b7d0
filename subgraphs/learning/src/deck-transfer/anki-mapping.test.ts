import { describe, expect, it } from "vitest";
import { fromAnkiHtml, toAnkiHtml } from "./anki-html.ts";
import { fromAnki, toAnki } from "./anki-schedule.ts";
import { deckPaths, deckRoot, pathsBelow } from "./deck-tree.ts";

const DAY_MS = 86_400_000;
const CRT = 1_764_374_400; // 2025-11-29T00:00:00Z
const NOW = new Date("2026-11-29T12:00:00Z");

describe("Anki fields", () => {
  it.each([
    ["a < b & c", "a &lt; b &amp; c"],
    ['say "hi"\nbye', "say &quot;hi&quot;<br>bye"],
  ])("%j becomes %j and comes back", (text, html) => {
    expect(toAnkiHtml(text)).toBe(html);
    expect(fromAnkiHtml(html)).toBe(text);
  });

  it.each([
    ["<div>one</div><div>two</div>", "one\ntwo"],
    ["<b>bold</b>&nbsp;and&#x21;&#33;", "bold and!!"],
    ["x<br/>y<BR>z", "x\ny\nz"],
    ["&unknown; &#0;", "&unknown; &#0;"],
  ])("reads Anki's HTML %j as %j", (html, text) => {
    expect(fromAnkiHtml(html)).toBe(text);
  });
});

describe("Anki scheduling", () => {
  it("writes a new card as new, at its position", () => {
    expect(toAnki(null, CRT, 7)).toMatchObject({ type: 0, queue: 0, due: 7, reps: 0 });
  });

  it("writes a reviewed card as a review card due in days since the collection began", () => {
    const schedule = {
      repetitions: 3,
      interval: 16,
      easeFactor: 2.36,
      nextReview: new Date(CRT * 1000 + 400 * DAY_MS + 5 * 3_600_000),
      lastReviewedAt: new Date(CRT * 1000 + 384 * DAY_MS),
    };
    const anki = toAnki(schedule, CRT, 1);
    expect(anki).toEqual({
      type: 2,
      queue: 2,
      due: 400,
      ivl: 16,
      factor: 2360,
      reps: 3,
      lapses: 0,
    });
    expect(fromAnki(anki, CRT, NOW)).toMatchObject({
      repetitions: 3,
      interval: 16,
      easeFactor: 2.36,
      nextReview: new Date(CRT * 1000 + 400 * DAY_MS),
    });
  });

  it.each([
    [
      "a review card with lapses",
      { type: 2, queue: 2, due: 10, ivl: 4, factor: 1200, reps: 3, lapses: 5 },
      { repetitions: 1, interval: 4, easeFactor: 1.3 },
    ],
    [
      "a suspended review card without a factor",
      { type: 2, queue: -1, due: 10, ivl: 0, factor: 0, reps: 1, lapses: 0 },
      { repetitions: 1, interval: 1, easeFactor: 2.5 },
    ],
    [
      "a relearning card",
      { type: 3, queue: 3, due: 12, ivl: 9, factor: 2100, reps: 9, lapses: 1 },
      {
        repetitions: 0,
        interval: 1,
        easeFactor: 2.1,
        nextReview: new Date(CRT * 1000 + 12 * DAY_MS),
      },
    ],
  ])("reads %s in SM-2 terms", (_, anki, expected) => {
    expect(fromAnki(anki, CRT, NOW)).toMatchObject(expected);
  });

  it("reads a new card as new", () => {
    expect(
      fromAnki({ type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 }, CRT, NOW),
    ).toBeNull();
  });
});

describe("deck trees", () => {
  const card = (path: string[]) => ({ row: 1, path, front: "f", back: "b", schedule: null });

  it("names the import after the file's one top deck", () => {
    const { rootName, cards } = deckRoot([card(["A", "B"]), card(["A"])], "Imported");
    expect(rootName).toBe("A");
    expect(cards.map((c) => c.path)).toEqual([["B"], []]);
    expect(deckPaths(cards)).toEqual([[], ["B"]]);
  });

  it("puts several top decks under a fallback topic", () => {
    const { rootName, cards } = deckRoot(
      [card(["A", "B", "C"]), card(["D"]), card([])],
      "Imported",
    );
    expect(rootName).toBe("Imported");
    expect(deckPaths(cards)).toEqual([[], ["A"], ["D"], ["A", "B"], ["A", "B", "C"]]);
  });

  it("rebuilds each topic's path below the root", () => {
    const paths = pathsBelow("r", [
      { id: "r", parentId: null, name: "Root" },
      { id: "c", parentId: "b", name: "C" },
      { id: "b", parentId: "r", name: "B" },
    ]);
    expect(Object.fromEntries(paths)).toEqual({ r: [], b: ["B"], c: ["B", "C"] });
  });
});
