import { z } from "zod";
import { AccessTokenError, type AccessTokenSource } from "./fcm-access-token.ts";
import { networkRetry, outcomeForStatus, shorten } from "./outcome.ts";
import {
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TTL_SECONDS,
  type PushMessage,
  type PushSender,
  type SendOptions,
  type SendResult,
} from "./sender.ts";

/** A mobile device's FCM registration token (Android, or iOS through FCM's APNs bridge). */
export interface FcmTarget {
  token: string;
}

export interface FcmSenderOptions {
  /** Both set, or FCM is not configured and every send fails "not configured". */
  config: { baseUrl: string; projectId: string; accessToken: AccessTokenSource } | undefined;
  /** A send slower than this is a network failure (retry). Default 10 s. */
  timeoutMs?: number;
}

/** FCM's `data` is a map of strings: other values travel as JSON; `url` joins them. */
export function fcmData(message: PushMessage): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(message.data ?? {})) {
    data[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  if (message.url !== undefined) data.url = message.url;
  return data;
}

/** The HTTP v1 request body for one device. */
export function fcmRequestBody(target: FcmTarget, message: PushMessage, options: SendOptions) {
  const ttl = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const high = options.urgency === "high";
  return {
    message: {
      token: target.token,
      notification: { title: message.title, body: message.body },
      data: fcmData(message),
      android: { ttl: `${ttl}s`, priority: high ? "HIGH" : "NORMAL" },
      apns: { headers: { "apns-priority": high ? "10" : "5" } },
    },
  };
}

const fcmErrorBody = z.object({
  error: z.object({
    status: z.string().optional(),
    message: z.string().optional(),
    details: z.array(z.object({ errorCode: z.string().optional() }).loose()).optional(),
  }),
});

/** FCM's `errorCode` (e.g. UNREGISTERED) or the Google API status (e.g. INVALID_ARGUMENT). */
function fcmErrorCode(text: string): string | undefined {
  try {
    const parsed = fcmErrorBody.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    const detail = parsed.data.error.details?.find((d) => d.errorCode)?.errorCode;
    return detail ?? parsed.data.error.status;
  } catch {
    return undefined;
  }
}

/**
 * FCM HTTP v1 (`POST /v1/projects/{id}/messages:send`) with an OAuth2 bearer token. Errors
 * map like Web Push's, plus FCM's own code: UNREGISTERED means the app was uninstalled or the
 * token rotated (gone), whatever the status. A 401 drops the cached token and tries once more.
 */
export function createFcmSender(options: FcmSenderOptions): PushSender<FcmTarget> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const post = async (
    config: NonNullable<FcmSenderOptions["config"]>,
    body: unknown,
  ): Promise<Response> => {
    const url = `${config.baseUrl.replace(/\/+$/, "")}/v1/projects/${encodeURIComponent(config.projectId)}/messages:send`;
    return fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await config.accessToken.token()}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  };

  return {
    async send(target, message, sendOptions: SendOptions = {}): Promise<SendResult> {
      const { config } = options;
      if (!config) return { outcome: "failed", reason: "fcm not configured" };
      if (!target.token) return { outcome: "failed", reason: "invalid device: empty token" };
      const body = fcmRequestBody(target, message, sendOptions);
      try {
        let response = await post(config, body);
        if (response.status === 401) {
          await response.body?.cancel();
          config.accessToken.invalidate();
          response = await post(config, body);
        }
        const text = await response.text();
        if (response.ok) return { outcome: "sent" };
        const code = fcmErrorCode(text);
        if (code === "UNREGISTERED")
          return { outcome: "gone", reason: `${response.status}: UNREGISTERED` };
        return outcomeForStatus(
          response.status,
          response.headers.get("retry-after"),
          code ?? shorten(text),
        );
      } catch (error) {
        if (error instanceof AccessTokenError) {
          return error.retryable
            ? { outcome: "retry", reason: error.message }
            : { outcome: "failed", reason: error.message };
        }
        return networkRetry(error);
      }
    },
  };
}
