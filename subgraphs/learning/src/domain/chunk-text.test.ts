import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk-text.ts";

const sentence = (n: number) => `Sentence number ${n} says one thing.`; // 33-34 chars

describe("chunkText", () => {
  it.each([
    ["empty text", "", 100, []],
    ["whitespace", " \n\n \n", 100, []],
    ["text that fits", "One paragraph.\n\nAnother.", 100, ["One paragraph.\n\nAnother."]],
    ["paragraphs packed up to the limit", "aaaa\n\nbbbb\n\ncccc", 10, ["aaaa\n\nbbbb", "cccc"]],
    [
      "a long paragraph cut between sentences",
      [1, 2, 3].map(sentence).join(" "),
      70,
      [`${sentence(1)} ${sentence(2)}`, sentence(3)],
    ],
    ["one huge word cut hard", "x".repeat(25), 10, ["x".repeat(10), "x".repeat(10), "x".repeat(5)]],
    ["a long sentence cut at a space", "alpha beta gamma delta", 12, ["alpha beta", "gamma delta"]],
  ])("%s", (_, text, max, expected) => {
    expect(chunkText(text, max)).toEqual(expected);
  });

  it("never exceeds the limit and loses no words", () => {
    const paragraph = (p: number) =>
      Array.from({ length: 5 }, (_, s) => sentence(p * 5 + s)).join(" ");
    const text = Array.from({ length: 40 }, (_, p) => paragraph(p)).join("\n\n");
    const chunks = chunkText(text, 500);
    expect(chunks.every((chunk) => chunk.length <= 500)).toBe(true);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(chunks.flatMap(words)).toEqual(words(text));
  });
});
