import type { Agent } from "node:https";
import webpush from "web-push";
import { z } from "zod";
import { networkRetry, outcomeForStatus, shorten } from "./outcome.ts";
import {
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TTL_SECONDS,
  type PushMessage,
  type PushSender,
  type SendOptions,
  type SendResult,
} from "./sender.ts";
import { decodeBase64url, isP256Point } from "./vapid.ts";

/**
 * A browser's push subscription as `PushSubscription.toJSON()` gives it, flattened. Parse
 * `registerPushSubscription`'s input with this, so only deliverable subscriptions are stored.
 */
export const webPushTargetSchema = z.object({
  endpoint: z.url({ protocol: /^https$/ }),
  /** The browser's P-256 public key, base64url. */
  p256dh: z.string().refine((key) => isP256Point(decodeBase64url(key)), "must be a P-256 key"),
  /** The 16-byte authentication secret, base64url. */
  auth: z.string().refine((key) => decodeBase64url(key)?.length === 16, "must be 16 bytes"),
});

export type WebPushTarget = z.infer<typeof webPushTargetSchema>;

export interface WebPushSenderOptions {
  /** The VAPID key pair and contact (see pushEnv); without them every send fails "not configured". */
  vapid: { publicKey: string; privateKey: string; subject: string } | undefined;
  /** A send slower than this is a network failure (retry). Default 10 s. */
  timeoutMs?: number;
  /**
   * The https.Agent requests go through. Default Node's global agent. Tests pass one that
   * trusts a local push service's certificate (web-push only speaks https).
   */
  agent?: Agent;
}

/** The JSON a service worker's `push` event reads with `event.data.json()`. */
export function webPushPayload(message: PushMessage): string {
  return JSON.stringify({
    title: message.title,
    body: message.body,
    data: message.data ?? {},
    url: message.url ?? null,
  });
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payloads (RFC 8291), through the
 * `web-push` library: one POST per send, its answer mapped to an outcome.
 */
export function createWebPushSender(options: WebPushSenderOptions): PushSender<WebPushTarget> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async send(target, message, sendOptions: SendOptions = {}): Promise<SendResult> {
      if (!options.vapid) return { outcome: "failed", reason: "web push not configured" };
      const valid = webPushTargetSchema.safeParse(target);
      if (!valid.success) {
        return { outcome: "failed", reason: `invalid subscription: ${valid.error.message}` };
      }
      const subscription = {
        endpoint: target.endpoint,
        keys: { p256dh: target.p256dh, auth: target.auth },
      };
      try {
        await webpush.sendNotification(subscription, webPushPayload(message), {
          vapidDetails: options.vapid,
          TTL: sendOptions.ttlSeconds ?? DEFAULT_TTL_SECONDS,
          urgency: sendOptions.urgency ?? "normal",
          contentEncoding: "aes128gcm",
          timeout,
          ...(options.agent ? { agent: options.agent } : {}),
        });
        return { outcome: "sent" };
      } catch (error) {
        if (error instanceof webpush.WebPushError) {
          return outcomeForStatus(
            error.statusCode,
            error.headers["retry-after"],
            shorten(error.body),
          );
        }
        return networkRetry(error);
      }
    },
  };
}
