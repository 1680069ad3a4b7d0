import { describe, expect, it } from "vitest";
import { buildCloze } from "./cloze.ts";

const NONE: ReadonlySet<string> = new Set();

describe("buildCloze", () => {
  it.each([
    {
      name: "a date beats a name",
      sentence: "Crowds in Paris stormed the Bastille on 14 July 1789.",
      frequency: new Map<string, number>(),
      used: NONE,
      front: "Crowds in Paris stormed the Bastille on _____.",
      back: "14 July 1789",
    },
    {
      name: "a multi-word name beats keywords",
      sentence: "The Assembly adopted the Declaration of the Rights of Man in secret.",
      frequency: new Map([["secret", 3]]),
      used: NONE,
      front: "The Assembly adopted the _____ in secret.",
      back: "Declaration of the Rights of Man",
    },
    {
      name: "the most frequent keyword wins among keywords",
      sentence: "Chlorophyll absorbs red and blue light in the leaves.",
      frequency: new Map([
        ["chlorophyll", 1],
        ["light", 4],
        ["leave", 2],
      ]),
      used: NONE,
      front: "Chlorophyll absorbs red and blue _____ in the leaves.",
      back: "Light",
    },
    {
      name: "an earlier answer is avoided",
      sentence: "Chlorophyll absorbs red and blue light in the leaves.",
      frequency: new Map([
        ["light", 4],
        ["leave", 2],
      ]),
      used: new Set(["light"]),
      front: "Chlorophyll absorbs red and blue light in the _____.",
      back: "Leaves",
    },
    {
      name: "every occurrence of the answer is hidden",
      sentence: "The rule of 72 says: divide 72 by the rate.",
      frequency: new Map<string, number>(),
      used: NONE,
      front: "The rule of _____ says: divide _____ by the rate.",
      back: "72",
    },
  ])("$name", ({ sentence, frequency, used, front, back }) => {
    expect(buildCloze(sentence, frequency, used)?.card).toEqual({ front, back });
  });

  it("reports the hidden term's key", () => {
    expect(
      buildCloze("Igneous rocks form from cooled magma.", new Map([["rock", 5]]), NONE)?.answerKey,
    ).toBe("rock");
  });

  it.each([
    ["a sentence too short to leave context", "Paris is French."],
    ["a sentence of function words", "It is what it is, and so on."],
  ])("gives nothing for %s", (_name, sentence) => {
    expect(buildCloze(sentence, new Map(), NONE)).toBeUndefined();
  });
});
