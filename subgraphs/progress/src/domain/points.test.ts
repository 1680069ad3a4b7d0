import { describe, expect, it } from "vitest";
import { POINT_RULES, pointsFor } from "./points.ts";

describe("pointsFor", () => {
  it.each([
    ["learning.flashcard_reviewed", 10],
    ["learning.topic_completed", 50],
    ["learning.topic_started", 0],
    ["users.signed_up", 0],
    ["", 0],
    ["LEARNING.FLASHCARD_REVIEWED", 0],
    ["toString", 0],
    ["__proto__", 0],
    ["constructor", 0],
  ])("%j → %i", (eventType, expected) => {
    expect(pointsFor(eventType)).toBe(expected);
  });

  it.each([
    ["learning.flashcard_reviewed", { scored: true }, 10],
    ["learning.flashcard_reviewed", { scored: false }, 0],
    ["learning.flashcard_reviewed", {}, 10],
    ["learning.topic_completed", { scored: false }, 0],
    ["users.signed_up", { scored: true }, 0],
  ])(
    "%j with %j → %i (a review of a card not due earns nothing)",
    (eventType, verdict, expected) => {
      expect(pointsFor(eventType, verdict)).toBe(expected);
    },
  );

  it("scores every rule in the table", () => {
    for (const [eventType, points] of Object.entries(POINT_RULES)) {
      expect(pointsFor(eventType)).toBe(points);
    }
  });
});
