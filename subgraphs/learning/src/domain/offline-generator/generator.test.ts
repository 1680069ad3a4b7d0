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
