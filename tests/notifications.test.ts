import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapture, register, type Session, waitForProcessed } from "./support/operations.ts";
import { queryRows } from "./support/psql.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe, waitForLive } from "./support/subscriptions.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const RECEIVED =
  "subscription { notificationReceived { id kind title body data createdAt readAt } }";

interface Received {
  notificationReceived: {
    id: string;
    kind: string;
    title: string;
    data: Record<string, unknown>;
    readAt: string | null;
  };
}

interface Inbox {
  me: {
    unreadNotificationCount: number;
    notifications: {
      edges: { node: { id: string; kind: string; data: { captureId?: string } } }[];
    };
  };
}

const INBOX =
  "{ me { unreadNotificationCount notifications(first: 50) { edges { node { id kind data } } } } }";

const captureNotices = async (session: Session) => {
  const { me } = await session.client.request<Inbox>(INBOX);
  return me.notifications.edges.filter((edge) => edge.node.kind === "CAPTURE_PROCESSED");
};

describe("notifications through the gateway", () => {
  it("pushes a processed capture's notification live to its owner only, and keeps it in their inbox", async () => {
    const ada = await register(stack, "Ada");
    const bob = await register(stack, "Bob");
    const adaSocket = connectSocket(stack.gateway, { token: ada.accessToken });
    const bobSocket = connectSocket(stack.gateway, { token: bob.accessToken });
    try {
      const adaFeed = subscribe<Received>(adaSocket, RECEIVED);
      const bobFeed = subscribe<Received>(bobSocket, RECEIVED);
      await waitForLive(stack.gateway, 2);

      const captureId = await createCapture(ada);
      await waitForProcessed(ada, captureId);
      const live = await adaFeed.until(
        (result) => result.data?.notificationReceived.kind === "CAPTURE_PROCESSED",
        "Ada's CAPTURE_PROCESSED notification",
      );
      expect(live.errors).toBeUndefined();
      expect(live.data?.notificationReceived).toMatchObject({
        kind: "CAPTURE_PROCESSED",
        title: "Your flashcards are ready",
        data: { captureId, status: "PROCESSED" },
        readAt: null,
      });

      const [stored] = await captureNotices(ada);
      expect(stored?.node.id).toBe(live.data?.notificationReceived.id);
      const { me } = await ada.client.request<Inbox>(INBOX);
      expect(me.unreadNotificationCount).toBeGreaterThanOrEqual(1);

      // Bob sees nothing of Ada's: not live, not in his inbox.
      expect(
        bobFeed.results.filter((r) => r.data?.notificationReceived.data.captureId === captureId),
      ).toEqual([]);
      expect(await captureNotices(bob)).toEqual([]);

      const marked = await ada.client.request<{ markNotificationsRead: number }>(
        "mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
        { ids: [stored!.node.id] },
      );
      expect(marked.markNotificationsRead).toBe(1);
      const byBob = await bob.client.request<{ markNotificationsRead: number }>(
        "mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
        { ids: [stored!.node.id] },
      );
      expect(byBob.markNotificationsRead).toBe(0);
    } finally {
      await adaSocket.dispose();
      await bobSocket.dispose();
    }
  });

  it("answers the VAPID key and the user's preferences", async () => {
    const ada = await register(stack, "Ada", "Asia/Tokyo");
    const answer = await ada.client.request<{
      vapidPublicKey: string;
      me: { notificationPreferences: { timezone: string; dailyReminderTime: string } };
    }>("{ vapidPublicKey me { notificationPreferences { timezone dailyReminderTime } } }");
    expect(Buffer.from(answer.vapidPublicKey, "base64url")).toHaveLength(65);
    // The zone arrives with users.user_created, a moment after register answers.
    expect(answer.me.notificationPreferences.dailyReminderTime).toBe("09:00");
  });

  it("erases a deleted account's notifications, settings and devices", async () => {
    const ada = await register(stack, "Ada");
    await createCapture(ada).then((id) => waitForProcessed(ada, id));
    await waitFor(async () => ((await captureNotices(ada)).length > 0 ? true : undefined));
    await ada.client.request(
      'mutation { updateNotificationPreferences(input: { dailyReminderTime: "07:15" }) { timezone } }',
    );
    await ada.client.request(
      'mutation { registerDevice(input: { platform: IOS, token: "ios-device" }) }',
    );
    const counts = () =>
      queryRows(
        stack.databases.notifications,
        ["notifications", "preferences", "devices", "recipients"]
          .map((table) => `select count(*) from ${table} where user_id = '${ada.userId}'`)
          .join(" union all "),
      );
    // Each table holds a row of Ada's before the deletion, so "none after" means something.
    await waitFor(async () =>
      (await counts()).every(([count]) => Number(count) > 0) ? true : undefined,
    );
    await ada.client.request(
      "mutation ($password: String!) { deleteAccount(password: $password) }",
      { password: "correct horse battery" },
    );
    await waitFor(async () =>
      (await counts()).every(([count]) => Number(count) === 0) ? true : undefined,
    );
  });
});
