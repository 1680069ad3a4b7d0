import { describe, expect, it } from "vitest";
import { mergeDecks, worthAskingModel } from "./model-input.ts";

describe("worthAskingModel", () => {
  it.each([
    ["prose", "Photosynthesis turns light into chemical energy in plants.", true],
    ["French prose", "Le chat est sur la table depuis ce matin.", true],
    ["a bare URL", "https://en.wikipedia.org/wiki/Photosynthesis", false],
    ["a URL with a few words", "read this later https://example.com/a-long-article", false],
    ["a greeting", "Hello there.", false],
    ["numbers", "1 2 3 4 5 6 7 8 9 10", false],
    ["empty", "", false],
  ])("%s → %s", (_, text, worth) => {
    expect(worthAskingModel(text)).toBe(worth);
  });
});

describe("mergeDecks", () => {
  it.each([
    ["no decks", [], { topicName: "", cards: [] }],
    ["one deck", [{ topicName: "A", cards: [1, 2] }], { topicName: "A", cards: [1, 2] }],
    [
      "decks taken in turn",
      [
        { topicName: "A", cards: [1, 2, 3] },
        { topicName: "B", cards: [4] },
        { topicName: "C", cards: [5, 6] },
      ],
      { topicName: "A", cards: [1, 4, 5, 2, 6, 3] },
    ],
  ])("%s", (_, decks, merged) => {
    expect(mergeDecks(decks)).toEqual(merged);
  });
});
