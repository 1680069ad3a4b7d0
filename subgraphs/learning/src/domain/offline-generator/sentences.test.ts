import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.ts";

describe("splitSentences", () => {
  it.each([
    ["a single sentence", "Plants need light.", ["Plants need light."]],
    [
      "full stops",
      "Plants need light. They also need water.",
      ["Plants need light.", "They also need water."],
    ],
    [
      "question and exclamation marks",
      "Why? Because! Then done.",
      ["Why?", "Because!", "Then done."],
    ],
    ["a closing quote", 'He said "stop." Then he left.', ['He said "stop."', "Then he left."]],
    [
      "a sentence starting with a number",
      "It ended in 1799. 1800 was calm.",
      ["It ended in 1799.", "1800 was calm."],
    ],
    [
      "titles",
      "Dr. Smith met Mr. Jones. They talked.",
      ["Dr. Smith met Mr. Jones.", "They talked."],
    ],
    [
      "Latin abbreviations",
      "Use a noun, e.g. Paris. Next one.",
      ["Use a noun, e.g. Paris.", "Next one."],
    ],
    [
      "dotted abbreviations",
      "It began in the U.S. Later it spread.",
      ["It began in the U.S. Later it spread."],
    ],
    [
      "initials",
      "J. K. Rowling wrote it. It sold well.",
      ["J. K. Rowling wrote it.", "It sold well."],
    ],
    ["decimals", "Pi is about 3.14 in value. Yes.", ["Pi is about 3.14 in value.", "Yes."]],
    [
      "a lowercase continuation",
      "It ended at 5 p.m. and then stopped.",
      ["It ended at 5 p.m. and then stopped."],
    ],
    ["URLs", "See example.com/a.b for more. Done.", ["See example.com/a.b for more.", "Done."]],
    ["an unterminated last sentence", "One. Two", ["One.", "Two"]],
    ["blank input", "   ", []],
  ])("handles %s", (_name, block, expected) => {
    expect(splitSentences(block)).toEqual(expected);
  });
});
