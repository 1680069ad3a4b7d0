import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkPushEnv, pushEnv } from "./env.ts";
import { createPushSenders } from "./from-env.ts";
import { generateVapidKeys } from "./vapid.ts";

// How a service adds the push settings to its own env.
const serviceEnv = z
  .object({ NODE_ENV: z.enum(["development", "production", "test"]).default("development") })
  .extend(pushEnv.shape)
  .superRefine(checkPushEnv);

const account = {
  client_email: "kai@kai-test.iam.gserviceaccount.com",
  private_key: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
  project_id: "kai-test",
};

const failingPaths = (input: Record<string, string>) =>
  serviceEnv.safeParse(input).error?.issues.map((issue) => issue.path.join("."));

describe("the push env", () => {
  it("needs nothing in development; both channels then answer 'not configured'", async () => {
    const env = serviceEnv.parse({ VAPID_SUBJECT: "" });
    expect(env.FCM_BASE_URL).toBe("https://fcm.googleapis.com");
    const senders = createPushSenders(env);
    expect(senders.vapidPublicKey).toBeUndefined();
    const message = { title: "t", body: "b" };
    expect(await senders.fcm.send({ token: "device" }, message)).toEqual({
      outcome: "failed",
      reason: "fcm not configured",
    });
    const target = { endpoint: "https://push.example/x", p256dh: "x", auth: "y" };
    expect(await senders.webPush.send(target, message)).toEqual({
      outcome: "failed",
      reason: "web push not configured",
    });
  });

  it("takes a generated key pair and a mailto: or https: subject", () => {
    const keys = generateVapidKeys();
    for (const subject of ["mailto:ops@kai.example", "https://kai.example/contact"]) {
      const env = serviceEnv.parse({
        VAPID_PUBLIC_KEY: keys.publicKey,
        VAPID_PRIVATE_KEY: keys.privateKey,
        VAPID_SUBJECT: subject,
      });
      expect(createPushSenders(env).vapidPublicKey).toBe(keys.publicKey);
    }
  });

  it("lists bad keys, a bad subject and missing companions by name", () => {
    const keys = generateVapidKeys();
    expect(
      failingPaths({
        VAPID_PUBLIC_KEY: "AAAA",
        VAPID_PRIVATE_KEY: keys.privateKey,
        VAPID_SUBJECT: "ops@kai",
      }),
    ).toEqual(["VAPID_PUBLIC_KEY", "VAPID_SUBJECT"]);
    expect(failingPaths({ VAPID_PUBLIC_KEY: keys.publicKey })).toEqual([
      "VAPID_PRIVATE_KEY",
      "VAPID_SUBJECT",
    ]);
    expect(failingPaths({ NODE_ENV: "production" })).toEqual([
      "VAPID_PUBLIC_KEY",
      "VAPID_PRIVATE_KEY",
      "VAPID_SUBJECT",
    ]);
  });

  it("reads the service account as JSON or from a path, and the project from it", () => {
    const dir = mkdtempSync(join(tmpdir(), "kai-push-"));
    const file = join(dir, "account.json");
    writeFileSync(file, JSON.stringify(account));
    for (const value of [JSON.stringify(account), file]) {
      const env = serviceEnv.parse({ FCM_SERVICE_ACCOUNT: value });
      expect(env.FCM_SERVICE_ACCOUNT).toMatchObject({
        client_email: account.client_email,
        token_uri: "https://oauth2.googleapis.com/token",
      });
    }
    expect(failingPaths({ FCM_SERVICE_ACCOUNT: join(dir, "missing.json") })).toEqual([
      "FCM_SERVICE_ACCOUNT",
    ]);
    expect(failingPaths({ FCM_SERVICE_ACCOUNT: '{"client_email":"x"}' })).toEqual([
      "FCM_SERVICE_ACCOUNT",
    ]);
  });
});
