import { describe, expect, it } from "vitest";
import { parseEvent } from "./catalogue.ts";
import { buildEvent } from "./enqueue.ts";

const USER = "00000000-0000-4000-8000-00000000000a";
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const streak = () =>
  wire(
    buildEvent("progress.streak_updated", USER, {
      streak: 2,
      longestStreak: 3,
      points: 40,
      level: 1,
      at: "2026-11-29T12:00:00.000Z",
    }),
  );

describe("parseEvent", () => {
  it("reads an event of the asked type, again and again", () => {
    for (let i = 0; i < 3; i++) {
      expect(parseEvent("progress.streak_updated", streak()).data.points).toBe(40);
    }
  });

  // Schemas are kept per type: one type's must never answer for another's.
  it("refuses an event of another type, before and after that type was read", () => {
    expect(() => parseEvent("progress.level_up", streak())).toThrow();
    const levelUp = wire(buildEvent("progress.level_up", USER, { level: 2, points: 100 }));
    expect(parseEvent("progress.level_up", levelUp).data.level).toBe(2);
    expect(() => parseEvent("progress.level_up", streak())).toThrow();
    expect(() => parseEvent("progress.streak_updated", levelUp)).toThrow();
  });

  it("refuses data that breaks the type's schema, and a malformed envelope", () => {
    const event = streak() as { data: Record<string, unknown>; userId: string };
    expect(() =>
      parseEvent("progress.streak_updated", { ...event, data: { ...event.data, points: 1.5 } }),
    ).toThrow();
    expect(() => parseEvent("progress.streak_updated", { ...event, userId: "nobody" })).toThrow();
    expect(() => parseEvent("progress.streak_updated", null)).toThrow();
  });
});
