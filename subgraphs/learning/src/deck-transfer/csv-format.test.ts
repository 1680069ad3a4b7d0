import { describe, expect, it } from "vitest";
import { readCsv, writeCsv } from "./csv-format.ts";
import type { DeckCard } from "./deck-card.ts";

const encode = (text: string) => new TextEncoder().encode(text);

describe("readCsv", () => {
  it("reads quoted fields, doubled quotes, line breaks in fields, a BOM and a header", () => {
    const { cards, errors } = readCsv(
      encode('\ufefffront,back,deck\r\n"Say ""hi""","line one\nline two",Spanish::Greetings\r\n'),
    );
    expect(errors).toEqual([]);
    expect(cards).toEqual([
      {
        row: 2,
        front: 'Say "hi"',
        back: "line one\nline two",
        path: ["Spanish", "Greetings"],
        schedule: null,
      },
    ]);
  });

  it("reads a file without a header row", () => {
    const { cards } = readCsv(encode("2+2,4\n3+3,6\n"));
    expect(cards.map((card) => [card.row, card.front, card.back])).toEqual([
      [1, "2+2", "4"],
      [2, "3+3", "6"],
    ]);
  });

  it("reports bad rows by number and keeps the good ones", () => {
    const { cards, errors } = readCsv(
      encode(
        [
          "front,back,deck,repetitions,interval,easeFactor,nextReview",
          "only a front",
          ",no front",
          `${"x".repeat(501)},too long`,
          "good,card",
          "bad,schedule,,2,6,0.5,2026-01-01T00:00:00Z",
          "half,fsrs,,2,6,2.5,2026-01-01T00:00:00Z,,3.5,",
          '"unclosed,quote',
        ].join("\n"),
      ),
    );
    expect(cards.map((card) => card.front)).toEqual(["good"]);
    expect(errors.map((error) => error.row)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(errors[0]?.message).toMatch(/front and a back/);
    expect(errors[1]?.message).toMatch(/front is empty/);
    expect(errors[2]?.message).toMatch(/longer than 500/);
    expect(errors[3]?.message).toMatch(/^easeFactor/);
    expect(errors[4]?.message).toMatch(/stability and difficulty come together/);
    expect(errors[5]?.message).toMatch(/Quote Not Closed/);
  });
});

describe("writeCsv", () => {
  it("writes what readCsv reads back, schedules included", () => {
    const cards: DeckCard[] = [
      { row: 2, path: ["Math"], front: 'a, "b"', back: "c\nd", schedule: null },
      {
        row: 3,
        path: ["Math", "Algebra"],
        front: "x",
        back: "y",
        schedule: {
          repetitions: 3,
          interval: 15,
          easeFactor: 2.36,
          nextReview: new Date("2026-12-01T08:00:00.000Z"),
          lastReviewedAt: new Date("2026-11-16T08:00:00.000Z"),
          fsrs: { stability: 12.5, difficulty: 6.25 },
        },
      },
    ];
    const text = new TextDecoder().decode(writeCsv(cards));
    expect(text.startsWith("front,back,deck,")).toBe(true);
    expect(text).toContain("\r\n");
    expect(readCsv(writeCsv(cards))).toEqual({ cards, errors: [] });
  });
});
