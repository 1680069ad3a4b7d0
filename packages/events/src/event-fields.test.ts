import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { eventFieldsOf } from "./event-fields.ts";

describe("eventFieldsOf", () => {
  it("maps each Subscription field to its @event type, in definitions and extensions", () => {
    const fields = eventFieldsOf(
      parse(`
        type Query { me: ID }
        type Subscription { streakUpdated: Int @event(type: "progress.streak_updated") }
        extend type Subscription { dueFlashcardsChanged: Int @event(type: "learning.flashcards_due") }
      `),
    );
    expect([...fields]).toEqual([
      ["streakUpdated", "progress.streak_updated"],
      ["dueFlashcardsChanged", "learning.flashcards_due"],
    ]);
  });

  it("finds none in a schema without subscriptions", () => {
    expect(eventFieldsOf(parse("type Query { me: ID }")).size).toBe(0);
  });

  it.each([
    ["no @event", "type Subscription { ticks: Int }", /needs @event/],
    [
      "a type outside the catalogue",
      'type Subscription { ticks: Int @event(type: "clock.tick") }',
      /not in the catalogue/,
    ],
    [
      "a type that is not a string",
      "type Subscription { ticks: Int @event(type: 1) }",
      /needs @event/,
    ],
  ])("refuses a field with %s", (_, sdl, message) => {
    expect(() => eventFieldsOf(parse(sdl))).toThrow(message);
  });
});
