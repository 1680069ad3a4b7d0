import { describe, expect, it } from "vitest";
import { pickQueue, remainingToday } from "./study-queue.ts";

const card = (id: string, isNew: boolean) => ({ id, isNew });
const due = [
  card("r1", false),
  card("n1", true),
  card("r2", false),
  card("n2", true),
  card("n3", true),
  card("r3", false),
];
const ids = (cards: { id: string }[]) => cards.map((c) => c.id);

describe("remainingToday", () => {
  it.each([
    [
      { newCards: 0, reviews: 0 },
      { newCards: 20, reviews: 200 },
    ],
    [
      { newCards: 5, reviews: 150 },
      { newCards: 15, reviews: 50 },
    ],
    [
      { newCards: 25, reviews: 300 },
      { newCards: 0, reviews: 0 },
    ],
  ])("after %j today → %j left", (today, left) => {
    expect(remainingToday({ dailyNewLimit: 20, dailyReviewLimit: 200 }, today)).toEqual(left);
  });
});

describe("pickQueue", () => {
  it.each([
    [{ newCards: 9, reviews: 9 }, 10, ["r1", "n1", "r2", "n2", "n3", "r3"]],
    [{ newCards: 1, reviews: 9 }, 10, ["r1", "n1", "r2", "r3"]],
    [{ newCards: 9, reviews: 1 }, 10, ["r1", "n1", "n2", "n3"]],
    [{ newCards: 0, reviews: 0 }, 10, []],
    [{ newCards: 9, reviews: 9 }, 3, ["r1", "n1", "r2"]],
  ])("with %j left and limit %i → %j", (left, limit, expected) => {
    expect(ids(pickQueue(due, left, limit))).toEqual(expected);
  });
});
