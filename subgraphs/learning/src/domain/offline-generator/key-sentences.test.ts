import { describe, expect, it } from "vitest";
import { rankKeySentences } from "./key-sentences.ts";

describe("rankKeySentences", () => {
  it("puts sentences dense in recurring keywords and facts first", () => {
    const sentences = [
      "Geologists enjoy long walks in the hills.",
      "Igneous rock forms when magma cools in 1783 near volcanoes.",
      "Sedimentary rock forms from layers of sediment and rock.",
    ];
    const frequency = new Map([
      ["rock", 4],
      ["form", 3],
      ["magma", 2],
    ]);
    expect(rankKeySentences(sentences, frequency)).toEqual([1, 2, 0]);
  });

  it("demotes sentences that lean on an earlier one", () => {
    const sentences = ["It turns light energy into sugar.", "Plants turn light energy into sugar."];
    expect(rankKeySentences(sentences, new Map([["light", 2]]))).toEqual([1, 0]);
  });

  it("breaks ties by reading order", () => {
    const sentences = ["Cats chase small grey mice.", "Dogs chase small grey cats."];
    expect(rankKeySentences(sentences, new Map())).toEqual([0, 1]);
  });

  it.each([
    ["too short", "Plants need light."],
    ["a question", "Why do plants need so much light?"],
    ["a lead-in", "Plants need the following five things:"],
    ["too long", `Plants need ${"light and water and ".repeat(20)}air.`],
  ])("skips a sentence that is %s", (_name, sentence) => {
    expect(rankKeySentences([sentence], new Map())).toEqual([]);
  });
});
