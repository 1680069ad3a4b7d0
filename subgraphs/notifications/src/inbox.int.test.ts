import { randomUUID } from "node:crypto";
import { errorCode } from "@kai/runtime/testing";
import { gql } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INBOX,
  type InboxAnswer,
  type NotificationsHarness,
  PREFERENCES,
  startNotificationsHarness,
  UPDATE_PREFERENCES,
} from "./testing/notifications-harness.ts";

let harness: NotificationsHarness;
beforeAll(async () => {
  harness = await startNotificationsHarness();
});
afterAll(() => harness?.dispose());

/** `count` level-ups for the user (LEVEL_UP, one notification each), applied. */
async function levelUps(userId: string, count: number): Promise<void> {
  for (let level = 2; level < 2 + count; level++) {
    // A second apart, so the inbox order is the order they happened in.
    const at = new Date(Date.now() + level * 1000);
    const event = await harness.publish(
      "progress.level_up",
      userId,
      { level, points: level * 100 },
      at,
    );
    await harness.processed("notifications-level-up", event.id);
  }
}

const MARK = gql`
  mutation ($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`;
const MARK_ALL = gql`
  mutation {
    markAllNotificationsRead
  }
`;

describe("the inbox", () => {
  it("answers /health and /ready", async () => {
    const base = harness.subgraph.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it("pages newest first, counts unread, and marks read only the owner's", async () => {
    const userId = await harness.newUser();
    const bobId = await harness.newUser();
    await levelUps(userId, 5);
    await levelUps(bobId, 1);
    const client = await harness.clientFor(userId);
    const bob = await harness.clientFor(bobId);

    const first = await client.request<InboxAnswer>(INBOX, { id: userId, first: 2 });
    const page1 = first._entities[0]!;
    expect(page1.unreadNotificationCount).toBe(5);
    expect(page1.notifications.edges.map((e) => e.node.title)).toEqual(["Level 6!", "Level 5!"]);
    expect(page1.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await client.request<InboxAnswer>(INBOX, {
      id: userId,
      first: 10,
      after: page1.notifications.pageInfo.endCursor,
    });
    expect(rest._entities[0]!.notifications.edges.map((e) => e.node.title)).toEqual([
      "Level 4!",
      "Level 3!",
      "Level 2!",
    ]);
    expect(rest._entities[0]!.notifications.pageInfo.hasNextPage).toBe(false);

    // Bob's id among Ada's changes nothing of Bob's, and counts like a missing one.
    const bobsId = (await bob.request<InboxAnswer>(INBOX, { id: bobId }))._entities[0]!
      .notifications.edges[0]!.node.id;
    const adaIds = page1.notifications.edges.map((e) => e.node.id);
    expect(
      await client.request<{ markNotificationsRead: number }>(MARK, {
        ids: [...adaIds, bobsId, randomUUID(), "not-a-uuid"],
      }),
    ).toEqual({ markNotificationsRead: 2 });
    expect(await client.request(MARK, { ids: adaIds })).toEqual({ markNotificationsRead: 0 });
    const bobAfter = await bob.request<InboxAnswer>(INBOX, { id: bobId });
    expect(bobAfter._entities[0]!.unreadNotificationCount).toBe(1);

    const unread = await client.request<InboxAnswer>(INBOX, { id: userId, unreadOnly: true });
    expect(unread._entities[0]!.unreadNotificationCount).toBe(3);
    expect(unread._entities[0]!.notifications.edges).toHaveLength(3);
    expect(await client.request(MARK_ALL)).toEqual({ markAllNotificationsRead: 3 });
    const done = await client.request<InboxAnswer>(INBOX, { id: userId });
    expect(done._entities[0]!.unreadNotificationCount).toBe(0);
    expect(done._entities[0]!.notifications.edges.every((e) => e.node.readAt)).toBe(true);
  });

  it("never shows one user another's inbox or preferences", async () => {
    const ada = await harness.signIn();
    const bob = await harness.signIn();
    expect(await errorCode(ada.client.request(INBOX, { id: bob.userId }))).toBe("NOT_FOUND");
    expect(await errorCode(ada.client.request(PREFERENCES, { id: bob.userId }))).toBe("NOT_FOUND");
  });

  it("refuses bounds: first over 100, more than 100 ids", async () => {
    const ada = await harness.signIn();
    expect(await errorCode(ada.client.request(INBOX, { id: ada.userId, first: 101 }))).toBe(
      "BAD_USER_INPUT",
    );
    const ids = Array.from({ length: 101 }, () => randomUUID());
    expect(await errorCode(ada.client.request(MARK, { ids }))).toBe("BAD_USER_INPUT");
  });
});

describe("preferences", () => {
  it("start at the defaults in the account's zone and keep what the user changes", async () => {
    const userId = await harness.newUser("Europe/Paris");
    const client = await harness.clientFor(userId);
    const before = await client.request<{
      _entities: { notificationPreferences: Record<string, unknown> }[];
    }>(PREFERENCES, { id: userId });
    expect(before._entities[0]!.notificationPreferences).toMatchObject({
      quietHours: null,
      dailyReminderTime: "09:00",
      timezone: "Europe/Paris",
    });
    const updated = await client.request<{
      updateNotificationPreferences: {
        settings: { kind: string; channel: string; enabled: boolean }[];
      };
    }>(UPDATE_PREFERENCES, {
      input: {
        quietHours: { start: "22:00", end: "07:30" },
        dailyReminderTime: "18:45",
        timezone: "America/New_York",
        settings: [{ kind: "LEVEL_UP", channel: "PUSH", enabled: false }],
      },
    });
    expect(updated.updateNotificationPreferences).toMatchObject({
      quietHours: { start: "22:00", end: "07:30" },
      dailyReminderTime: "18:45",
      timezone: "America/New_York",
    });
    expect(updated.updateNotificationPreferences.settings).toHaveLength(15);
    expect(updated.updateNotificationPreferences.settings).toContainEqual({
      kind: "LEVEL_UP",
      channel: "PUSH",
      enabled: false,
    });
    // quietHours: null removes them; the rest stays.
    const cleared = await client.request<{ updateNotificationPreferences: unknown }>(
      UPDATE_PREFERENCES,
      { input: { quietHours: null } },
    );
    expect(cleared.updateNotificationPreferences).toMatchObject({
      quietHours: null,
      dailyReminderTime: "18:45",
    });
  });

  it.each([
    [{ timezone: "Mars/Olympus" }],
    [{ dailyReminderTime: "25:00" }],
    [{ dailyReminderTime: "9am" }],
    [{ quietHours: { start: "22:00", end: "22:00" } }],
    [{ quietHours: { start: "22:00", end: "7" } }],
  ])("refuses %j with BAD_USER_INPUT", async (input) => {
    const ada = await harness.signIn();
    expect(await errorCode(ada.client.request(UPDATE_PREFERENCES, { input }))).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("push registration", () => {
  const REGISTER = gql`
    mutation ($input: RegisterPushSubscriptionInput!) {
      registerPushSubscription(input: $input)
    }
  `;
  const DEVICE = gql`
    mutation ($input: RegisterDeviceInput!) {
      registerDevice(input: $input)
    }
  `;
  // A real P-256 point (the stored VAPID key is one) and a 16-byte secret.
  const auth = Buffer.alloc(16, 7).toString("base64url");

  it("serves one VAPID key to every caller and stores valid subscriptions only", async () => {
    const ada = await harness.signIn();
    const { vapidPublicKey } = await ada.client.request<{ vapidPublicKey: string }>(
      "{ vapidPublicKey }",
    );
    expect(Buffer.from(vapidPublicKey, "base64url")).toHaveLength(65);
    const valid = { endpoint: "https://push.example/abc", p256dh: vapidPublicKey, auth };
    expect(await ada.client.request(REGISTER, { input: valid })).toEqual({
      registerPushSubscription: true,
    });
    for (const input of [
      { ...valid, endpoint: "http://push.example/abc" },
      { ...valid, p256dh: "short" },
      { ...valid, auth: `${auth}AA` },
    ]) {
      expect(await errorCode(ada.client.request(REGISTER, { input }))).toBe("BAD_USER_INPUT");
    }
    expect(
      await ada.client.request(DEVICE, { input: { platform: "ANDROID", token: "fcm-token" } }),
    ).toEqual({ registerDevice: true });
  });
});
