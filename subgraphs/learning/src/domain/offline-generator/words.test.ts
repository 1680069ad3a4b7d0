import { describe, expect, it } from "vitest";
import { contentKeys, isContentWord, keyOf, tokenise } from "./words.ts";

describe("keyOf", () => {
  it.each([
    ["Codes", "code"],
    ["code", "code"],
    ["bacteria", "bacteria"],
    ["stories", "story"],
    ["classes", "class"],
    ["branches", "branch"],
    ["process", "process"],
    ["status", "status"],
    ["analysis", "analysis"],
    ["cell's", "cell"],
    ["gas", "gas"],
  ])("%s → %s", (word, key) => {
    expect(keyOf(word)).toBe(key);
  });
});

describe("isContentWord", () => {
  it.each([
    ["photosynthesis", true],
    ["TCP", true],
    ["the", false],
    ["Which", false],
    ["1789", false],
    ["OK", false],
  ])("%s → %s", (word, expected) => {
    expect(isContentWord(word)).toBe(expected);
  });
});

describe("tokenise", () => {
  it("keeps hyphenated words and contractions whole, with offsets", () => {
    expect(tokenise("SYN-ACK isn't 3.5")).toEqual([
      { text: "SYN-ACK", start: 0, end: 7 },
      { text: "isn't", start: 8, end: 13 },
      { text: "3", start: 14, end: 15 },
      { text: "5", start: 16, end: 17 },
    ]);
  });
});

describe("contentKeys", () => {
  it("keeps only content words, folded", () => {
    expect(contentKeys("The HTTP status codes of the web")).toEqual([
      "http",
      "status",
      "code",
      "web",
    ]);
  });
});
