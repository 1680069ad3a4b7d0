import { randomUUID } from "node:crypto";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "../db/schema.ts";
import {
  type NotificationsHarness,
  startNotificationsHarness,
  UPDATE_PREFERENCES,
} from "../testing/notifications-harness.ts";

// 08:00 in Paris (UTC+1 in January): an hour before the default reminder time, 09:00.
const MORNING = new Date("2026-01-10T07:00:00Z");
const at = (iso: string) => new Date(iso);
const cards = Array.from({ length: 4 }, () => randomUUID());

let harness: NotificationsHarness;
beforeAll(async () => {
  harness = await startNotificationsHarness(MORNING);
});
afterAll(() => harness?.dispose());

/** Long enough for the scheduler (every 50 ms here) to have scanned several times. */
const severalScans = () => new Promise((resolve) => setTimeout(resolve, 400));

async function due(userId: string, ids: string[], occurredAt: Date): Promise<void> {
  const event = await harness.publish(
    "learning.flashcards_due",
    userId,
    { dueCount: ids.length, flashcardIds: ids },
    occurredAt,
  );
  await harness.processed("notifications-flashcards-due", event.id);
}

const dueReminders = async (userId: string) =>
  (await harness.stored(userId)).filter((n) => n.kind === "DUE_CARDS");

describe("due-card reminders", () => {
  it("batch a window's due cards into one reminder at the reminder time, never twice for the same cards", async () => {
    harness.setNow(MORNING);
    const userId = await harness.newUser("Europe/Paris");
    await due(userId, cards.slice(0, 2), at("2026-01-10T07:00:00Z"));
    await due(userId, cards.slice(0, 3), at("2026-01-10T07:10:00Z"));
    await severalScans();
    expect(await dueReminders(userId)).toEqual([]);

    harness.setNow(at("2026-01-10T08:00:00Z"));
    const [first] = await waitFor(async () => {
      const found = await dueReminders(userId);
      return found.length > 0 ? found : undefined;
    });
    expect(first?.data).toEqual({ dueCount: 3 });
    expect(first?.cause).toBe("due-cards:2026-01-10");

    // The same cards announced again, today and tomorrow: no second reminder.
    await due(userId, cards.slice(0, 3), at("2026-01-10T08:30:00Z"));
    harness.setNow(at("2026-01-11T08:00:00Z"));
    await severalScans();
    expect(await dueReminders(userId)).toHaveLength(1);

    // A new card is news: tomorrow's window gets its reminder, with the whole due count.
    await due(userId, cards, at("2026-01-11T08:05:00Z"));
    const both = await waitFor(async () => {
      const found = await dueReminders(userId);
      return found.length > 1 ? found : undefined;
    });
    expect(both[1]?.data).toEqual({ dueCount: 4 });
    expect(both[1]?.cause).toBe("due-cards:2026-01-11");
  });

  it("hold reminders and push back during quiet hours, until they end", async () => {
    harness.setNow(MORNING);
    const userId = await harness.newUser("Europe/Paris");
    const client = await harness.clientFor(userId);
    await client.request(UPDATE_PREFERENCES, {
      input: { quietHours: { start: "22:00", end: "10:00" } },
    });
    await due(userId, cards.slice(0, 2), MORNING);
    // 09:00 in Paris: the reminder time, but quiet.
    harness.setNow(at("2026-01-10T08:00:00Z"));
    await severalScans();
    expect(await dueReminders(userId)).toEqual([]);

    // Other kinds are stored at once; their push waits for the end of quiet hours.
    const level = await harness.publish("progress.level_up", userId, { level: 2, points: 100 });
    await harness.processed("notifications-level-up", level.id);
    const [push] = await harness.subgraph.deps.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.userId, userId));
    expect(push?.nextAttemptAt).toEqual(at("2026-01-10T09:00:00Z"));
    expect(push?.status).toBe("PENDING");

    // 10:00 in Paris: quiet hours are over.
    harness.setNow(at("2026-01-10T09:00:00Z"));
    const [reminder] = await waitFor(async () => {
      const found = await dueReminders(userId);
      return found.length > 0 ? found : undefined;
    });
    expect(reminder?.data).toEqual({ dueCount: 2 });
  });
});
