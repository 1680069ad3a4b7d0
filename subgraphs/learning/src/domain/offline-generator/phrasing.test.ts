import { describe, expect, it } from "vitest";
import { asSentence, capitaliseFirst, joinList, truncateAtWord } from "./phrasing.ts";

describe("capitaliseFirst", () => {
  it.each([
    ["the process", "The process"],
    ["three-digit numbers", "Three-digit numbers"],
    ["iPhone sales", "iPhone sales"],
    ["mRNA vaccines", "mRNA vaccines"],
    ["1xx codes", "1xx codes"],
    ["Already", "Already"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(capitaliseFirst(input)).toBe(expected);
  });
});

describe("asSentence", () => {
  it.each([
    ["a loan ", "A loan."],
    ["a loan.", "A loan."],
    ["a loan;", "A loan."],
    ["a loan (ATP)", "A loan (ATP)."],
  ])("%s → %s", (input, expected) => {
    expect(asSentence(input)).toBe(expected);
  });
});

describe("joinList", () => {
  it.each([
    [["a"], "a"],
    [["a", "b"], "a and b"],
    [["a", "b", "c"], "a, b and c"],
  ])("%j → %s", (items, expected) => {
    expect(joinList(items)).toBe(expected);
  });
});

describe("truncateAtWord", () => {
  it.each([
    ["short text", 20, "short text"],
    ["one two three four", 12, "one two…"],
    ["one, two, three", 10, "one…"],
    ["abcdefghij", 5, "abcd…"],
  ])("%s at %i → %s", (text, max, expected) => {
    const result = truncateAtWord(text, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });
});
