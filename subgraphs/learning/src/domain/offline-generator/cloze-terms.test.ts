import { describe, expect, it } from "vitest";
import { findTerms, type TermKind } from "./cloze-terms.ts";

const termsOf = (sentence: string, kind: TermKind): string[] =>
  findTerms(sentence)
    .filter((term) => term.kind === kind)
    .map((term) => term.text);

describe("findTerms", () => {
  it.each<[string, TermKind, string[]]>([
    ["On 14 July 1789, crowds stormed the Bastille.", "date", ["14 July 1789"]],
    ["Louis XVI was executed in January 1793.", "date", ["January 1793"]],
    ["It was built around 2500 BC by farmers.", "date", ["2500 BC"]],
    ["Python appeared in the late 1980s.", "date", ["1980s"]],
    ["Deposit $1,000 at 5% to get $1,628.89 later.", "number", ["$1,000", "5%", "$1,628.89"]],
    ["About 97 percent of water is salty.", "number", ["97 percent"]],
    ["Mitochondria appeared 1.5 billion years ago.", "number", ["1.5 billion"]],
    ["The heart has four chambers.", "number", ["four"]],
    ["1xx codes are informational.", "number", []],
    [
      "The French Revolution ended when Napoleon Bonaparte seized power.",
      "name",
      ["French Revolution", "Napoleon Bonaparte"],
    ],
    [
      "The Assembly adopted the Declaration of the Rights of Man.",
      "name",
      ["Declaration of the Rights of Man"],
    ],
    ["4xx codes signal errors, such as 404 Not Found.", "name", ["Not Found"]],
    ["In August the crowd gathered.", "name", []],
    ["This energy is stored in adenosine triphosphate (ATP).", "proper", ["ATP"]],
    ["TCP guarantees ordered delivery.", "proper", ["TCP"]],
    [
      "Geologists classify rocks by the way they form.",
      "keyword",
      ["Geologists", "classify", "rocks"],
    ],
  ])("%s has %s terms %j", (sentence, kind, expected) => {
    expect(termsOf(sentence, kind)).toEqual(expected);
  });

  it("groups every occurrence of a term under one key", () => {
    const sentence = "Divide 72 by the rate; the rule of 72 is quick.";
    expect(findTerms(sentence).find((term) => term.text === "72")?.spans).toEqual([
      [7, 9],
      [35, 37],
    ]);
  });

  it("groups inflections of a keyword", () => {
    const rock = findTerms("A rock is made of rocks and minerals.").find(
      (term) => term.key === "rock",
    );
    expect(rock?.spans).toHaveLength(2);
  });
});
