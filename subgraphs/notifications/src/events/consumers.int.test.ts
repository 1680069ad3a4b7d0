import { randomUUID } from "node:crypto";
import type { EventEnvelope, EventType } from "@kai/events";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, mailOutbox, recipients } from "../db/schema.ts";
import {
  type NotificationsHarness,
  startNotificationsHarness,
} from "../testing/notifications-harness.ts";

let harness: NotificationsHarness;
beforeAll(async () => {
  harness = await startNotificationsHarness();
});
afterAll(() => harness?.dispose());

/**
 * Publishes the event, a redelivered copy (past JetStream's deduplication) and the same
 * cause again under a new event id; waits until the consumer handled all three.
 */
async function thrice<T extends EventType>(
  durable: string,
  publish: () => Promise<EventEnvelope<T>>,
): Promise<void> {
  const event = await publish();
  await harness.events.publish(event, `${event.id}-again`);
  const repeat = await publish();
  await harness.processed(durable, event.id);
  await harness.processed(durable, repeat.id);
}

describe("each consumer makes at most one notification per user and cause", () => {
  it.each([
    [
      "notifications-capture-processed",
      "CAPTURE_PROCESSED",
      (userId: string, captureId: string) =>
        harness.publish("learning.capture_processed", userId, {
          captureId,
          status: "PROCESSED",
          topicId: randomUUID(),
          flashcardCount: 4,
          reason: null,
        }),
    ],
    [
      "notifications-level-up",
      "LEVEL_UP",
      (userId: string) => harness.publish("progress.level_up", userId, { level: 3, points: 400 }),
    ],
    [
      "notifications-achievement-unlocked",
      "ACHIEVEMENT_UNLOCKED",
      (userId: string) =>
        harness.publish("progress.achievement_unlocked", userId, {
          key: "first-review",
          title: "First review",
        }),
    ],
    [
      "notifications-streak-at-risk",
      "STREAK_AT_RISK",
      (userId: string) =>
        harness.publish("progress.streak_at_risk", userId, {
          streak: 4,
          date: "2026-01-10",
          timezone: "UTC",
        }),
    ],
  ] as const)("%s → %s", async (durable, kind, publish) => {
    const userId = await harness.newUser();
    const cause = randomUUID();
    await thrice(durable, () => publish(userId, cause));
    const stored = await harness.stored(userId);
    expect(stored.map((n) => n.kind)).toEqual([kind]);
    // Push is on by default, so one delivery is queued (and skipped: no device registered).
    const queued = await harness.subgraph.deps.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.userId, userId));
    expect(queued.map((d) => d.channel).sort()).toEqual(
      kind === "STREAK_AT_RISK" ? ["EMAIL", "PUSH"] : ["PUSH"],
    );
  });

  it("announces each stored notification on notifications.notification_created, once", async () => {
    const userId = await harness.newUser();
    const announced = await harness.events.listen("notifications.notification_created", userId);
    await thrice("notifications-level-up", () =>
      harness.publish("progress.level_up", userId, { level: 7, points: 3600 }),
    );
    const [stored] = await harness.stored(userId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(announced.map((e) => e.data)).toEqual([
      {
        id: stored!.id,
        kind: "LEVEL_UP",
        title: "Level 7!",
        body: stored!.body,
        data: { level: 7, points: 3600 },
        createdAt: stored!.createdAt.toISOString(),
        readAt: null,
      },
    ]);
  });

  it("stores nothing in the inbox of a kind the user turned IN_APP off for", async () => {
    const userId = await harness.newUser();
    const client = await harness.clientFor(userId);
    await client.request(
      `mutation { updateNotificationPreferences(input: { settings: [
        { kind: LEVEL_UP, channel: IN_APP, enabled: false },
        { kind: LEVEL_UP, channel: PUSH, enabled: false } ] }) { timezone } }`,
    );
    const event = await harness.publish("progress.level_up", userId, { level: 2, points: 100 });
    await harness.processed("notifications-level-up", event.id);
    const [stored] = await harness.stored(userId);
    expect(stored?.inApp).toBe(false);
    const answer = await client.request<{ _entities: { unreadNotificationCount: number }[] }>(
      `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
        ... on User { unreadNotificationCount } } }`,
      { id: userId },
    );
    expect(answer._entities[0]?.unreadNotificationCount).toBe(0);
  });

  it("erases the user's rows on users.user_deleted, and a late event brings none back", async () => {
    const userId = await harness.newUser();
    const level = await harness.publish("progress.level_up", userId, { level: 2, points: 100 });
    await harness.processed("notifications-level-up", level.id);
    // A mail to them (email is on for streak warnings), written to the mail outbox.
    const risk = await harness.publish("progress.streak_at_risk", userId, {
      streak: 2,
      date: "2026-01-11",
      timezone: "UTC",
    });
    await harness.processed("notifications-streak-at-risk", risk.id);
    const mailTo = eq(mailOutbox.to, `${userId}@example.com`);
    await waitFor(async () =>
      (await harness.subgraph.deps.db.select().from(mailOutbox).where(mailTo)).length > 0
        ? true
        : undefined,
    );
    const deleted = await harness.publish("users.user_deleted", userId, {});
    await harness.processed("notifications-user-deleted", deleted.id);
    const late = await harness.publish("progress.level_up", userId, { level: 3, points: 400 });
    await harness.processed("notifications-level-up", late.id);
    expect(await harness.stored(userId)).toEqual([]);
    const { db } = harness.subgraph.deps;
    expect(await db.select().from(recipients).where(eq(recipients.userId, userId))).toEqual([]);
    expect(await db.select().from(mailOutbox).where(mailTo)).toEqual([]);
  });
});
