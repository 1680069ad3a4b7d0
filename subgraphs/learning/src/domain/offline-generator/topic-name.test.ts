import { describe, expect, it } from "vitest";
import { nameTopic, titleCase } from "./topic-name.ts";

describe("nameTopic", () => {
  it.each([
    {
      name: "the term an opening definition names, when the text returns to it",
      defined: [{ term: "the French Revolution", sentenceIndex: 0 }],
      sentences: ["The French Revolution began in 1789.", "The revolution ended in 1799."],
      frequency: new Map([["revolution", 2]]),
      expected: "French Revolution",
    },
    {
      name: "no parenthetical in the title",
      defined: [{ term: "TCP (Transmission Control Protocol)", sentenceIndex: 1 }],
      sentences: ["Networks need rules.", "TCP is a protocol.", "TCP is reliable."],
      frequency: new Map([["tcp", 2]]),
      expected: "TCP",
    },
    {
      name: "the term the first sentence defines, even when the text does not repeat it",
      defined: [{ term: "mitochondria", sentenceIndex: 0 }],
      sentences: [
        "Mitochondria are organelles that produce most of the chemical energy of the cell.",
        "They are called the powerhouse of the cell.",
      ],
      frequency: new Map([["cell", 2]]),
      expected: "Mitochondria",
    },
    {
      name: "the key phrase when a second-sentence definition does not recur",
      defined: [{ term: "a charter", sentenceIndex: 1 }],
      sentences: ["Kings rule.", "A charter is a document.", "Kings tax.", "Kings fight."],
      frequency: new Map([["king", 3]]),
      expected: "Kings",
    },
    {
      name: "the key phrase when the definition comes late",
      defined: [{ term: "metamorphic rock", sentenceIndex: 3 }],
      sentences: [
        "Rocks form in three ways.",
        "Rock cycles.",
        "Rock melts.",
        "Metamorphic rock is rock.",
      ],
      frequency: new Map([["rock", 5]]),
      expected: "Rocks",
    },
    {
      name: "a recurring multi-word phrase over its own words",
      defined: [],
      sentences: [
        "Compound interest grows quickly.",
        "Banks pay compound interest on savings.",
        "Interest rates vary.",
      ],
      frequency: new Map([["interest", 3]]),
      expected: "Compound Interest",
    },
    {
      name: "a fallback when nothing can name the text",
      defined: [],
      sentences: [],
      frequency: new Map<string, number>(),
      expected: "Untitled",
    },
  ])("uses $name", ({ defined, sentences, frequency, expected }) => {
    expect(nameTopic(defined, sentences, frequency)).toBe(expected);
  });

  it("keeps titles to 60 characters, cut at a word", () => {
    const term = "the extraordinarily long and winding history of the production of handmade paper";
    const title = nameTopic([{ term, sentenceIndex: 0 }], [], new Map([["paper", 2]]));
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title).toBe("Extraordinarily Long and Winding History of the Production");
  });
});

describe("titleCase", () => {
  it.each([
    ["photosynthesis", "Photosynthesis"],
    ["the speed of light", "The Speed of Light"],
    ["HTTP status codes", "HTTP Status Codes"],
    ["mRNA vaccines", "mRNA Vaccines"],
    ["supply and demand", "Supply and Demand"],
  ])("%s → %s", (text, expected) => {
    expect(titleCase(text)).toBe(expected);
  });
});
