import { describe, expect, it } from "vitest";
import { judgeDeck, MAX_TOPIC_NAME_LENGTH } from "./capture-deck.ts";

const cards = (n: number) => Array.from({ length: n }, (_, i) => `card ${i + 1}`);

describe("judgeDeck", () => {
  it("refuses a deck without cards, saying why", () => {
    const verdict = judgeDeck({ topicName: "Tides", cards: cards(0) });
    expect(verdict).toEqual({
      usable: false,
      reason:
        "This capture has too little text to make flashcards from: Kai found no definition, list or key fact in it",
    });
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [5, 5],
    [8, 5],
  ])("keeps %i cards as %i", (n, kept) => {
    const verdict = judgeDeck({ topicName: "Tides", cards: cards(n) });
    expect(verdict).toEqual({ usable: true, topicName: "Tides", cards: cards(kept) });
  });

  it.each([
    ["  Tides  ", "Tides"],
    ["   ", "Untitled"],
    ["x".repeat(200), "x".repeat(MAX_TOPIC_NAME_LENGTH)],
  ])("names the topic %j as %j", (topicName, expected) => {
    const verdict = judgeDeck({ topicName, cards: cards(3) });
    expect(verdict.usable && verdict.topicName).toBe(expected);
  });
});
