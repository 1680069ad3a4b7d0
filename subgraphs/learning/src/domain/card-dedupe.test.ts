import { describe, expect, it } from "vitest";
import { dropDuplicateCards } from "./card-dedupe.ts";

const card = (front: string) => ({ front, back: "A" });

describe("dropDuplicateCards", () => {
  it.each([
    ["keeps distinct fronts", ["What is X?", "What is Y?"], [], ["What is X?", "What is Y?"]],
    ["drops a repeat that differs only in case", ["What is X?", "what is x?"], [], ["What is X?"]],
    [
      "drops a repeat that differs in punctuation",
      ["What is X?", "What is  X"],
      [],
      ["What is X?"],
    ],
    [
      "drops fronts the topic already has",
      ["What is X?", "What is Y?"],
      ["WHAT IS Y"],
      ["What is X?"],
    ],
    ["drops fronts without letters or digits", ["???", "What is X?"], [], ["What is X?"]],
  ])("%s", (_, fronts, existing, kept) => {
    expect(dropDuplicateCards(fronts.map(card), existing).map((c) => c.front)).toEqual(kept);
  });
});
