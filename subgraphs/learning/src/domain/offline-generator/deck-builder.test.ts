import { describe, expect, it } from "vitest";
import { MAX_BACK_LENGTH, MAX_FRONT_LENGTH } from "./card.ts";
import { DeckBuilder } from "./deck-builder.ts";

describe("DeckBuilder", () => {
  it.each([
    ["a normal card", { front: "What is TCP?", back: "A transport protocol." }, true],
    ["an empty front", { front: "  ", back: "Something." }, false],
    ["an empty back", { front: "What is TCP?", back: "..." }, false],
    [
      "a back repeating the front",
      { front: "Plants need light.", back: "plants need LIGHT" },
      false,
    ],
    [
      "a back containing the whole front",
      { front: "Plants need light", back: "Plants need light and water" },
      false,
    ],
    ["an over-long front", { front: "x".repeat(MAX_FRONT_LENGTH + 1), back: "y" }, false],
  ])("accepts %s: %s", (_name, card, accepted) => {
    const deck = new DeckBuilder(5);
    expect(deck.add(card)).toBe(accepted);
    expect(deck.cards).toHaveLength(accepted ? 1 : 0);
  });

  it("trims cards and shortens over-long backs at a word", () => {
    const deck = new DeckBuilder(5);
    deck.add({ front: "  What is it?  ", back: ` ${"word ".repeat(200)}` });
    const [card] = deck.cards;
    expect(card?.front).toBe("What is it?");
    expect(card?.back.length).toBeLessThanOrEqual(MAX_BACK_LENGTH);
    expect(card?.back.endsWith("word…")).toBe(true);
  });

  it("rejects fronts that differ only in case, spacing or punctuation", () => {
    const deck = new DeckBuilder(5);
    expect(deck.add({ front: "What is TCP?", back: "A protocol." })).toBe(true);
    expect(deck.add({ front: "what  is tcp", back: "Another answer." })).toBe(false);
  });

  it("stops at its capacity", () => {
    const deck = new DeckBuilder(2);
    for (const n of [1, 2, 3]) deck.add({ front: `Question ${n}?`, back: `Answer ${n}.` });
    expect(deck.cards.map((card) => card.front)).toEqual(["Question 1?", "Question 2?"]);
    expect(deck.isFull).toBe(true);
  });
});
