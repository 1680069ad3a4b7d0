import { randomUUID } from "node:crypto";
import {
  startTestFcmServer,
  startTestPushService,
  type TestFcmServer,
  type TestPushService,
  waitFor,
} from "@kai/testkit";
import { eq } from "drizzle-orm";
import { gql } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, pushSubscriptions } from "../db/schema.ts";
import {
  type NotificationsHarness,
  startNotificationsHarness,
} from "../testing/notifications-harness.ts";

const REGISTER = gql`
  mutation ($input: RegisterPushSubscriptionInput!) {
    registerPushSubscription(input: $input)
  }
`;

/** The harness's clock, fixed: retry times are counted from it. */
const START = new Date();
let service: TestPushService;
let fcm: TestFcmServer;
let harness: NotificationsHarness;
beforeAll(async () => {
  [service, fcm] = await Promise.all([startTestPushService(), startTestFcmServer()]);
  harness = await startNotificationsHarness(
    START,
    { FCM_BASE_URL: fcm.baseUrl, FCM_SERVICE_ACCOUNT: JSON.stringify(fcm.serviceAccount) },
    { webPushAgent: service.agent },
  );
});
afterAll(async () => {
  await harness?.dispose();
  await Promise.all([service?.dispose(), fcm?.dispose()]);
});

async function subscribedUser() {
  const userId = await harness.newUser();
  const client = await harness.clientFor(userId);
  const subscription = service.subscribe();
  await client.request(REGISTER, { input: subscription });
  return { userId, client, subscription };
}

const pushDelivery = (userId: string) =>
  harness.subgraph.deps.db
    .select()
    .from(deliveries)
    .where(eq(deliveries.userId, userId))
    .then((rows) => rows.find((d) => d.channel === "PUSH"));

describe("the PUSH channel against a real push service", () => {
  it("sends an encrypted, VAPID-signed push of the notification", async () => {
    const { userId, client, subscription } = await subscribedUser();
    const { vapidPublicKey } = await client.request<{ vapidPublicKey: string }>(
      "{ vapidPublicKey }",
    );
    await harness.publish("progress.level_up", userId, { level: 4, points: 900 });
    const push = await waitFor(() =>
      service.received.find((p) => p.endpoint === subscription.endpoint),
    );
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.decryptError).toBeUndefined();
    expect(JSON.parse(push.payload ?? "{}")).toMatchObject({
      title: "Level 4!",
      data: { kind: "LEVEL_UP", level: 4 },
    });
    expect(push.vapid?.publicKey).toBe(vapidPublicKey);
    await waitFor(async () => ((await pushDelivery(userId))?.status === "SENT" ? true : undefined));
  });

  it("forgets a subscription the push service says is gone (410)", async () => {
    const { userId, subscription } = await subscribedUser();
    service.script([{ status: 410 }], subscription.endpoint);
    await harness.publish("progress.level_up", userId, { level: 5, points: 1600 });
    await waitFor(async () => {
      const rows = await harness.subgraph.deps.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.endpoint, subscription.endpoint));
      return rows.length === 0 ? true : undefined;
    });
    await waitFor(async () =>
      (await pushDelivery(userId))?.status === "FAILED" ? true : undefined,
    );
  });

  it("retries later, with backoff, when the push service is overloaded (429)", async () => {
    const { userId, subscription } = await subscribedUser();
    service.script([{ status: 429, retryAfter: 120 }], subscription.endpoint);
    await harness.publish("progress.level_up", userId, { level: 6, points: 2500 });
    const delivery = await waitFor(async () => {
      const found = await pushDelivery(userId);
      return found?.attempts === 1 && found.lastError ? found : undefined;
    });
    expect(delivery.status).toBe("PENDING");
    expect(delivery.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(START.getTime() + 120_000);
  });

  it("sends to a registered mobile device over FCM HTTP v1", async () => {
    const userId = await harness.newUser();
    const client = await harness.clientFor(userId);
    const token = `device-${randomUUID()}`;
    await client.request(
      "mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) }",
      { input: { platform: "ANDROID", token } },
    );
    await harness.publish("progress.level_up", userId, { level: 8, points: 4900 });
    const sent = await waitFor(() =>
      fcm.sends.find((send) => JSON.stringify(send.body).includes(token)),
    );
    expect(sent.projectId).toBe(fcm.projectId);
    expect(sent.authorization).toMatch(/^Bearer /);
    expect(JSON.stringify(sent.body)).toContain("Level 8!");
    await waitFor(async () => ((await pushDelivery(userId))?.status === "SENT" ? true : undefined));
  });
});
