import { describe, expect, it } from "vitest";
import { afterNotice, hasNewDueCards, reminderWindow } from "./due-reminder.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const t = (iso: string) => new Date(iso);

describe("due-card reminders", () => {
  it("names each due card in one reminder only, until it stops being due", () => {
    const first = afterNotice(undefined, {
      dueCount: 1,
      flashcardIds: [A],
      occurredAt: t("2026-01-01T08:00:00Z"),
    });
    expect(hasNewDueCards(first)).toBe(true);
    const reminded = { ...first, remindedCardIds: [A] };
    expect(hasNewDueCards(reminded)).toBe(false);
    const more = afterNotice(reminded, {
      dueCount: 2,
      flashcardIds: [A, B],
      occurredAt: t("2026-01-01T09:00:00Z"),
    });
    expect(hasNewDueCards(more)).toBe(true);
    // A reviewed: no longer due, so it leaves the reminded set.
    const reviewed = afterNotice(
      { ...more, remindedCardIds: [A, B] },
      { dueCount: 1, flashcardIds: [B], occurredAt: t("2026-01-01T10:00:00Z") },
    );
    expect(reviewed.remindedCardIds).toEqual([B]);
    expect(hasNewDueCards(reviewed)).toBe(false);
  });

  it("ignores a notice older than the one it holds", () => {
    const state = afterNotice(undefined, {
      dueCount: 0,
      flashcardIds: [],
      occurredAt: t("2026-01-01T10:00:00Z"),
    });
    const late = afterNotice(state, {
      dueCount: 1,
      flashcardIds: [A],
      occurredAt: t("2026-01-01T09:00:00Z"),
    });
    expect(late).toBe(state);
    expect(hasNewDueCards(late)).toBe(false);
  });

  it.each([
    // [now (UTC), quiet hours, window]
    ["2026-01-10T07:59:00Z", null, undefined],
    ["2026-01-10T08:00:00Z", null, "2026-01-10"],
    ["2026-01-10T09:30:00Z", { start: "22:00", end: "10:00" }, undefined],
    ["2026-01-10T10:00:00Z", { start: "22:00", end: "10:00" }, "2026-01-10"],
  ])("at %s with quiet hours %j the window is %s", (now, quietHours, window) => {
    expect(reminderWindow(t(now), { timezone: "UTC", reminderTime: "08:00", quietHours })).toBe(
      window,
    );
  });
});
