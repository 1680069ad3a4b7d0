import { startTestFcmServer, type TestFcmServer } from "@kai/testkit";
import { importSPKI, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushEnv } from "./env.ts";
import { createAccessTokenSource, FCM_SCOPE } from "./fcm-access-token.ts";
import { createFcmSender, type FcmTarget } from "./fcm-sender.ts";
import { createPushSenders } from "./from-env.ts";
import type { PushSender } from "./sender.ts";

const message = {
  title: "Level 4!",
  body: "You reached level 4.",
  data: { kind: "LEVEL_UP", level: 4 },
  url: "https://kai.example/progress",
};

describe("the FCM sender against a real FCM HTTP v1 server", () => {
  let fcm: TestFcmServer;
  let sender: PushSender<FcmTarget>;

  beforeAll(async () => {
    fcm = await startTestFcmServer();
    // Configured the way a service is: through its env.
    const env = pushEnv.parse({
      FCM_BASE_URL: fcm.baseUrl,
      FCM_SERVICE_ACCOUNT: JSON.stringify(fcm.serviceAccount),
    });
    sender = createPushSenders(env, { timeoutMs: 5_000 }).fcm;
  });
  afterAll(() => fcm?.dispose());

  it("sends the message with a bearer token bought with a signed assertion", async () => {
    expect(await sender.send({ token: "device-1" }, message, { urgency: "high" })).toEqual({
      outcome: "sent",
    });

    const exchange = fcm.tokenRequests.at(-1)!;
    expect(exchange.grantType).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const { payload, protectedHeader } = await jwtVerify(
      exchange.assertion,
      await importSPKI(fcm.publicKeyPem, "RS256"),
      { issuer: fcm.serviceAccount.client_email, audience: fcm.serviceAccount.token_uri },
    );
    expect(payload.scope).toBe(FCM_SCOPE);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: fcm.serviceAccount.private_key_id });

    const sent = fcm.sends.at(-1)!;
    expect(sent.projectId).toBe(fcm.projectId);
    expect(sent.authorization).toBe(`Bearer ${exchange.accessToken}`);
    expect(sent.body).toEqual({
      message: {
        token: "device-1",
        notification: { title: message.title, body: message.body },
        data: { kind: "LEVEL_UP", level: "4", url: message.url },
        android: { ttl: "86400s", priority: "HIGH" },
        apns: { headers: { "apns-priority": "10" } },
      },
    });
  });

  it("reuses the cached token for later sends", async () => {
    const exchanges = fcm.tokenRequests.length;
    await sender.send({ token: "device-2" }, message);
    await sender.send({ token: "device-3" }, message);
    expect(fcm.tokenRequests.length).toBe(exchanges);
  });

  it("a revoked token (401) is replaced once and the send goes through", async () => {
    fcm.revokeTokens();
    const exchanges = fcm.tokenRequests.length;
    expect(await sender.send({ token: "device-4" }, message)).toEqual({ outcome: "sent" });
    expect(fcm.tokenRequests.length).toBe(exchanges + 1);
    expect(fcm.sends.slice(-2).map((s) => s.status)).toEqual([401, 200]);
  });

  it.each([
    [{ status: 404 }, { outcome: "gone", reason: "404: UNREGISTERED" }],
    [{ status: 400, errorCode: "UNREGISTERED" }, { outcome: "gone" }],
    [
      { status: 429, retryAfter: 60 },
      { outcome: "retry", afterMs: 60_000 },
    ],
    [
      { status: 503, retryAfter: 5 },
      { outcome: "retry", afterMs: 5_000 },
    ],
    [{ status: 500 }, { outcome: "retry", reason: "500: INTERNAL" }],
    [{ status: 400 }, { outcome: "failed", reason: "400: INVALID_ARGUMENT" }],
    [{ status: 403 }, { outcome: "failed", reason: "403: SENDER_ID_MISMATCH" }],
  ])("answered %o, reports %o", async (reply, outcome) => {
    fcm.script([reply], "scripted-device");
    expect(await sender.send({ token: "scripted-device" }, message)).toMatchObject(outcome);
    expect(fcm.sends.at(-1)?.status).toBe(reply.status);
  });

  it("a token endpoint refusing the assertion is a failure, not a retry", async () => {
    const wrongKey = await startTestFcmServer();
    const broken = createFcmSender({
      config: {
        baseUrl: fcm.baseUrl,
        projectId: fcm.projectId,
        // Another account's key, presented to this server's token endpoint.
        accessToken: createAccessTokenSource({
          serviceAccount: { ...wrongKey.serviceAccount, token_uri: fcm.serviceAccount.token_uri },
        }),
      },
    });
    await wrongKey.dispose();
    const result = await broken.send({ token: "device-5" }, message);
    expect(result).toMatchObject({
      outcome: "failed",
      reason: expect.stringContaining("invalid_grant"),
    });
  });

  it("refreshes the token shortly before it expires", async () => {
    const short = await startTestFcmServer({ tokenLifetimeSeconds: 600 });
    // From the real clock: the server checks the assertion's exp against it.
    let now = new Date();
    const tokens = createAccessTokenSource({
      serviceAccount: { ...short.serviceAccount },
      refreshMarginMs: 60_000,
      now: () => now,
    });
    try {
      const first = await tokens.token();
      now = new Date(now.getTime() + 530_000); // 70 s left: still good
      expect(await tokens.token()).toBe(first);
      now = new Date(now.getTime() + 20_000); // 50 s left: inside the margin
      expect(await tokens.token()).not.toBe(first);
      expect(short.tokenRequests).toHaveLength(2);
      const [a, b] = await Promise.all([tokens.token(), tokens.token()]);
      expect(a).toBe(b);
    } finally {
      await short.dispose();
    }
  });

  it("an unreachable FCM is a retry", async () => {
    const down = await startTestFcmServer();
    const tokens = createAccessTokenSource({ serviceAccount: fcm.serviceAccount });
    const unreachable = createFcmSender({
      config: { baseUrl: down.baseUrl, projectId: fcm.projectId, accessToken: tokens },
    });
    await down.dispose();
    expect(await unreachable.send({ token: "device-6" }, message)).toMatchObject({
      outcome: "retry",
    });
  });
});
