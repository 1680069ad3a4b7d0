import { describe, expect, it } from "vitest";
import { comparable } from "./card.ts";
import { CORPUS } from "./corpus.ts";
import { generateOffline, MAX_BACK_LENGTH, MAX_FRONT_LENGTH } from "./index.ts";

const includes = (text: string, part: string): boolean =>
  text.toLowerCase().includes(part.toLowerCase());

const THIN_INPUTS: readonly [string, string][] = [
  ["empty", ""],
  ["whitespace", "  \n\t  "],
  ["one word", "photosynthesis"],
  ["a greeting", "Hello world."],
  ["keyboard mash", "asdf qwer zxcv uiop hjkl bnm"],
  ["letters", "a b c d e f g h"],
  ["numbers", "1 2 3 4 5 6 7 8 9 10"],
  ["punctuation and emoji", "🙂🙂🙂 !!! ??? ..."],
  ["a bare URL", "https://en.wikipedia.org/wiki/Photosynthesis"],
  ["a markdown link", "[Photosynthesis](https://en.wikipedia.org/wiki/Photosynthesis)"],
  ["a code block", "```ts\nconst rate = 0.05;\nconst years = 10;\n```"],
  ["a heading", "# The French Revolution"],
  ["a repeated sentence", "The quick brown fox jumps over the lazy dog. ".repeat(8)],
  ["French prose", "Le chat est sur la table. Il fait beau aujourd'hui. Nous allons au marché."],
];

describe("generateOffline on the corpus", () => {
  describe.each(CORPUS)("$name", ({ text, expected }) => {
    const deck = generateOffline(text);

    it("yields 3 to 5 cards", () => {
      expect(deck.cards.length).toBeGreaterThanOrEqual(expected.minCards);
      expect(deck.cards.length).toBeLessThanOrEqual(5);
    });

    it("asks about the text's key facts", () => {
      expect(deck.cards.some((card) => includes(card.front, expected.someFrontContains))).toBe(
        true,
      );
      expect(deck.cards.some((card) => includes(card.back, expected.someBackContains))).toBe(true);
    });

    it("names the topic in a short title", () => {
      expect(includes(deck.topicName, expected.topicContains)).toBe(true);
      expect(deck.topicName.length).toBeLessThanOrEqual(60);
    });

    it("never lets a back repeat its front", () => {
      for (const { front, back } of deck.cards) {
        expect(comparable(back)).not.toBe(comparable(front));
        expect(comparable(back).includes(comparable(front))).toBe(false);
      }
    });

    it("has no duplicate fronts", () => {
      const fronts = deck.cards.map((card) => comparable(card.front));
      expect(new Set(fronts).size).toBe(fronts.length);
    });

    it("keeps cards trimmed and within length limits", () => {
      for (const { front, back } of deck.cards) {
        expect(front).toBe(front.trim());
        expect(back).toBe(back.trim());
        expect(front.length).toBeGreaterThan(0);
        expect(back.length).toBeGreaterThan(0);
        expect(front.length).toBeLessThanOrEqual(MAX_FRONT_LENGTH);
        expect(back.length).toBeLessThanOrEqual(MAX_BACK_LENGTH);
      }
    });

    it("never turns a link into card content", () => {
      for (const { front, back } of deck.cards) {
        expect(`${front} ${back}`).not.toMatch(/https?:|www\./);
      }
    });

    it("is deterministic", () => {
      expect(generateOffline(text)).toEqual(deck);
    });
  });
});

describe("generateOffline on thin or garbage input", () => {
  it.each(THIN_INPUTS)("%s yields fewer than 3 cards", (_name, text) => {
    expect(generateOffline(text).cards.length).toBeLessThan(3);
  });

  it.each(THIN_INPUTS)("%s is never padded with placeholder cards", (_name, text) => {
    for (const { front, back } of generateOffline(text).cards) {
      expect(comparable(back)).not.toBe(comparable(front));
      expect(front).not.toMatch(/https?:/);
    }
  });
});

describe("generateOffline options", () => {
  const text = CORPUS[0]?.text ?? "";

  it.each([0, 1, 2, 3, 4])("respects maxCards = %i", (maxCards) => {
    expect(generateOffline(text, { maxCards }).cards).toHaveLength(maxCards);
  });

  it("keeps the highest-priority cards when capped", () => {
    const capped = generateOffline(text, { maxCards: 2 });
    expect(capped.cards).toEqual(generateOffline(text).cards.slice(0, 2));
  });

  it("defaults to at most 5 cards", () => {
    const longText = CORPUS.map((entry) => entry.text).join("\n\n");
    expect(generateOffline(longText).cards).toHaveLength(5);
    expect(generateOffline(longText, { maxCards: 12 }).cards.length).toBeGreaterThan(5);
  });

  it.each([-1, 1.5, Number.NaN])("rejects maxCards = %s", (maxCards) => {
    expect(() => generateOffline(text, { maxCards })).toThrow(RangeError);
  });
});

describe("generateOffline card strategies", () => {
  it.each([
    {
      name: "definition with 'is'",
      text: "A closure is a function that remembers the variables of the scope where it was created.",
      front: "What is a closure?",
      back: "A function that remembers the variables of the scope where it was created.",
    },
    {
      name: "definition with 'refers to'",
      text: "Opportunity cost refers to the value of the next best alternative given up when making a choice.",
      front: "What is opportunity cost?",
      back: "The value of the next best alternative given up when making a choice.",
    },
    {
      name: "definition with 'means'",
      text: "Idempotent means that repeating an operation has the same effect as doing it once.",
      front: "What does idempotent mean?",
      back: "Repeating an operation has the same effect as doing it once.",
    },
    {
      name: "definition with 'refers to' and an adverb",
      text: "Inflation generally refers to the general rise in prices over time.",
      front: "What is inflation?",
      back: "The general rise in prices over time.",
    },
    {
      name: "definition with 'is commonly defined as'",
      text: "Latency is commonly defined as the delay between a request and its response.",
      front: "What is latency?",
      back: "The delay between a request and its response.",
    },
    {
      name: "definition with an adverb and 'means'",
      text: "Throughput usually means the amount of work done per unit of time.",
      front: "What does throughput mean?",
      back: "The amount of work done per unit of time.",
    },
    {
      name: "definition with 'is defined as'",
      text: "Velocity is defined as the rate of change of an object's position with respect to time.",
      front: "What is velocity?",
      back: "The rate of change of an object's position with respect to time.",
    },
    {
      name: "list",
      text: "The three kinds of rock are igneous, sedimentary and metamorphic.",
      front: "Name the kinds of rock",
      back: "Igneous, sedimentary and metamorphic",
    },
    {
      name: "cloze on a year",
      text: "The Berlin Wall fell in 1989 after weeks of peaceful protest.",
      front: "The Berlin Wall fell in _____ after weeks of peaceful protest.",
      back: "1989",
    },
  ])("$name", ({ text, front, back }) => {
    expect(generateOffline(text).cards).toEqual([{ front, back }]);
  });
});

describe("generateOffline on sentences that open with a pronoun", () => {
  it.each([
    {
      name: "names the subject the previous sentence defined",
      text: "Mitochondria are organelles that produce most of the chemical energy of the cell. They are called the powerhouse of the cell.",
      front: "Mitochondria are called the powerhouse of the _____.",
    },
    {
      name: "names a singular subject, keeping its article",
      text: "The Roman Empire was the post-Republican period of ancient Rome. It was ruled by emperors from 27 BC.",
      front: "The Roman Empire was ruled by emperors from _____.",
    },
    {
      name: "follows the subject through sentences that open with it",
      text: "A hash table is a data structure that maps keys to values. Hash tables are used in caches and symbol tables everywhere. It computes an index into an array of buckets.",
      front: "A hash table computes an index into an array of _____.",
    },
  ])("$name", ({ text, front }) => {
    expect(generateOffline(text).cards.map((card) => card.front)).toContain(front);
  });

  it.each([
    [
      "a plural pronoun after a singular subject",
      "A hash table is a data structure that maps keys to values. Collisions happen when two keys hash to the same index. They are usually resolved by chaining or open addressing.",
    ],
    [
      "a pronoun after a sentence about something else",
      "Inflation refers to the general rise in prices over time. Central banks try to keep inflation near 2 percent per year. It erodes the purchasing power of money over many years.",
    ],
    [
      "a pronoun for a whole statement",
      "Photosynthesis is the process by which plants make sugar from light. This is why plants need sunlight to grow well.",
    ],
  ])("makes no card from %s", (_name, text) => {
    for (const { front } of generateOffline(text).cards) {
      expect(front).not.toMatch(/^(?:it|they|this|these)\b/i);
    }
  });

  it("names the topic after the first sentence's defined subject", () => {
    const text =
      "Mitochondria are organelles that produce most of the chemical energy of the cell. They are called the powerhouse of the cell.";
    expect(generateOffline(text).topicName).toBe("Mitochondria");
  });
});
