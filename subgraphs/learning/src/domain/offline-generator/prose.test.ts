import { describe, expect, it } from "vitest";
import { looksLikeProse } from "./prose.ts";

describe("looksLikeProse", () => {
  it.each([
    ["Plants turn light into chemical energy.", true],
    ["Dr. Smith met Mr. Jones at 5 p.m. in the U.S. embassy.", true],
    ["1xx codes are informational responses.", true],
    ["HTTP is a protocol for the web.", true],
    ["Too short here", false],
    ["asdf qwer zxcv uiop hjkl", false],
    ["sdfgh the xcvbn of qwrty lkjhg", false],
    ["apples oranges pears bananas grapes", false],
    ["1 2 3 4 5 6", false],
  ])("%s → %s", (sentence, expected) => {
    expect(looksLikeProse(sentence)).toBe(expected);
  });
});
