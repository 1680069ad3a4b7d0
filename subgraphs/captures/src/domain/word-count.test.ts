import { describe, expect, it } from "vitest";
import { wordCount } from "./word-count.ts";

describe("wordCount", () => {
  it.each([
    ["", 0],
    ["   \n\t ", 0],
    ["hello", 1],
    ["Spaced  repetition\nworks.", 3],
    ["don't over-think it", 3],
    ["— * -- !!", 0],
    ["Élan vital, 42 times", 4],
    ["https://example.com/a-b", 4],
  ])("counts %j as %i words", (text, expected) => {
    expect(wordCount(text)).toBe(expected);
  });
});
