import { describe, expect, it } from "vitest";
import { stripInline, toBlocks } from "./markdown-blocks.ts";

describe("toBlocks", () => {
  it.each([
    [
      "a paragraph wrapped over lines",
      "Plants use light\nto make sugar.",
      ["Plants use light to make sugar."],
    ],
    ["paragraphs", "First one.\n\nSecond one.", ["First one.", "Second one."]],
    ["Windows line endings", "First one.\r\n\r\nSecond one.", ["First one.", "Second one."]],
    ["headings", "# Title\n\nBody text.\n\n## Part\nMore text.", ["Body text.", "More text."]],
    ["setext headings", "Title\n=====\nBody text.", ["Body text."]],
    ["code fences", "Before.\n```js\nconst a = 1;\n```\nAfter.", ["Before.", "After."]],
    ["tables and rules", "| a | b |\n|---|---|\n\n---\nText.", ["Text."]],
    ["block quotes", "> Quoted words here.", ["Quoted words here."]],
    [
      "statement bullets",
      "Codes:\n- 404 means missing\n- 500 means broken;",
      ["Codes:", "404 means missing.", "500 means broken."],
    ],
    [
      "short bullets after a lead-in",
      "The three kinds of rock are:\n\n* igneous\n* sedimentary\n* metamorphic",
      ["The three kinds of rock are: igneous, sedimentary and metamorphic."],
    ],
    ["numbered items", "1. Mix the flour.\n2) Bake it.", ["Mix the flour.", "Bake it."]],
    [
      "indented continuation of an item",
      "- Mix the flour\n  with water.",
      ["Mix the flour with water."],
    ],
    [
      "one note per line",
      "The heart has four chambers\nBlood enters the right atrium",
      ["The heart has four chambers. Blood enters the right atrium"],
    ],
    [
      "a line ending in a function word",
      "It began in\nParis in 1789.",
      ["It began in Paris in 1789."],
    ],
  ])("handles %s", (_name, markdown, expected) => {
    expect(toBlocks(markdown)).toEqual(expected);
  });
});

describe("stripInline", () => {
  it.each([
    ["**bold** and __strong__", "bold and strong"],
    ["*italic* and _emphasis_", "italic and emphasis"],
    ["snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"],
    ["`code` and ~~gone~~", "code and gone"],
    ["[RFC 793](https://example.com/rfc)", "RFC 793"],
    ["![diagram](img.png)Text", "Text"],
    ["Water boils.[1][citation needed]", "Water boils."],
    ["<b>tag</b> soup", "tag soup"],
    ["<https://example.com>", "https://example.com"],
  ])("%s", (input, expected) => {
    expect(stripInline(input)).toBe(expected);
  });
});
