import { randomUUID } from "node:crypto";
import type { Viewer } from "@kai/auth";
import { describe, expect, it } from "vitest";
import { buildEvent } from "./enqueue.ts";
import { subscriptionPayload } from "./subscription-event.ts";

const userId = randomUUID();
const viewer = (id: string): Viewer => ({ id, role: "USER", expiresAt: new Date(8.64e15) });
const event = buildEvent("progress.level_up", userId, { level: 3, points: 250 });

describe("subscriptionPayload", () => {
  it("is the event's data with its user as a User reference", () => {
    expect(subscriptionPayload({ viewer: viewer(userId), event }, "progress.level_up")).toEqual({
      level: 3,
      points: 250,
      user: { __typename: "User", id: userId },
    });
  });

  it("refuses another user's event with FORBIDDEN", () => {
    const context = { viewer: viewer(randomUUID()), event };
    expect(() => subscriptionPayload(context, "progress.level_up")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    );
    expect(() => subscriptionPayload({ viewer: null, event }, "progress.level_up")).toThrow(
      /another user/,
    );
  });

  it("refuses an event of another type, or none", () => {
    const context = { viewer: viewer(userId), event };
    expect(() => subscriptionPayload(context, "progress.streak_updated")).toThrow();
    expect(() => subscriptionPayload({ viewer: viewer(userId) }, "progress.level_up")).toThrow();
  });
});
