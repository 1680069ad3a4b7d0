import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startTestPushService, type TestPushService } from "@kai/testkit";
import { importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PushSender } from "./sender.ts";
import { generateVapidKeys } from "./vapid.ts";
import { createWebPushSender, type WebPushTarget } from "./web-push-sender.ts";

const subject = "mailto:push@kai.example";
const vapid = { ...generateVapidKeys(), subject };
const message = {
  title: "12 cards are due",
  body: "A short session keeps your streak.",
  data: { kind: "DUE_CARDS", count: 12 },
  url: "https://kai.example/study",
};

/** The VAPID public key (an uncompressed P-256 point) as a key jose can verify with. */
async function vapidVerifyKey(publicKey: string) {
  const point = Buffer.from(publicKey, "base64url");
  return importJWK(
    {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33).toString("base64url"),
    },
    "ES256",
  );
}

describe("the Web Push sender against a real push service", () => {
  let service: TestPushService;
  let sender: PushSender<WebPushTarget>;

  beforeAll(async () => {
    service = await startTestPushService();
    sender = createWebPushSender({ vapid, agent: service.agent, timeoutMs: 5_000 });
  });
  afterAll(() => service?.dispose());

  it("sends an aes128gcm payload that decrypts to the message, with TTL, urgency and VAPID", async () => {
    const subscription = service.subscribe();
    const result = await sender.send(subscription, message, { ttlSeconds: 3_600, urgency: "high" });
    expect(result).toEqual({ outcome: "sent" });

    const push = service.received.at(-1)!;
    expect(push.endpoint).toBe(subscription.endpoint);
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.ttl).toBe("3600");
    expect(push.headers.urgency).toBe("high");
    expect(push.decryptError).toBeUndefined();
    expect(JSON.parse(push.payload!)).toEqual(message);

    // Authorization: vapid t=<JWT>, k=<public key> (RFC 8292)
    expect(push.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(push.vapid?.publicKey).toBe(vapid.publicKey);
    const { payload, protectedHeader } = await jwtVerify(
      push.vapid!.token,
      await vapidVerifyKey(vapid.publicKey),
      { audience: service.origin, subject },
    );
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(24 * 3600);
  });

  it("defaults TTL to a day and urgency to normal", async () => {
    await sender.send(service.subscribe(), { title: "t", body: "b" });
    const push = service.received.at(-1)!;
    expect(push.headers.ttl).toBe("86400");
    expect(push.headers.urgency).toBe("normal");
    expect(JSON.parse(push.payload!)).toEqual({ title: "t", body: "b", data: {}, url: null });
  });

  it.each([
    [{ status: 404 }, { outcome: "gone" }],
    [
      { status: 410, body: "expired" },
      { outcome: "gone", reason: "410: expired" },
    ],
    [
      { status: 429, retryAfter: 30 },
      { outcome: "retry", afterMs: 30_000 },
    ],
    [{ status: 500 }, { outcome: "retry" }],
    [
      { status: 503, retryAfter: 7 },
      { outcome: "retry", afterMs: 7_000 },
    ],
    [
      { status: 400, body: "bad" },
      { outcome: "failed", reason: "400: bad" },
    ],
    [{ status: 413 }, { outcome: "failed" }],
  ])("answered %o, reports %o", async (reply, outcome) => {
    const subscription = service.subscribe();
    service.script([reply], subscription.endpoint);
    const result = await sender.send(subscription, message);
    expect(result).toMatchObject(outcome);
    expect(service.received.at(-1)?.status).toBe(reply.status);
  });

  it("reports a push service that cannot be reached as retry, quickly", async () => {
    const gone = await startTestPushService();
    const subscription = gone.subscribe();
    await gone.dispose();
    const result = await sender.send(subscription, message);
    expect(result).toMatchObject({
      outcome: "retry",
      reason: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("refuses a malformed subscription without sending", async () => {
    const before = service.received.length;
    const subscription = { ...service.subscribe(), p256dh: "not-a-key" };
    expect(await sender.send(subscription, message)).toMatchObject({ outcome: "failed" });
    expect(service.received.length).toBe(before);
  });

  it("an untrusted certificate is a retry, not a crash (the agent is what trusts it)", async () => {
    const untrusting = createWebPushSender({ vapid, timeoutMs: 5_000 });
    expect(await untrusting.send(service.subscribe(), message)).toMatchObject({ outcome: "retry" });
  });

  it("a child process trusts the service through NODE_EXTRA_CA_CERTS = caBundleFile", async () => {
    const subscription = service.subscribe();
    const script = `require("web-push").sendNotification(${JSON.stringify({
      endpoint: subscription.endpoint,
      keys: { p256dh: subscription.p256dh, auth: subscription.auth },
    })}, "from a child", { vapidDetails: ${JSON.stringify(vapid)} }).then((r) => console.log(r.statusCode))`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: service.caBundleFile },
    });
    expect(stdout.trim()).toBe("201");
    expect(service.received.at(-1)?.payload).toBe("from a child");
  });
});
