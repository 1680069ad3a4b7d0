import { parseRetryAfter } from "./retry-after.ts";
import type { SendResult } from "./sender.ts";

/**
 * The outcome of an HTTP answer from a push service, by status alone: 2xx sent; 404/410 the
 * subscription is gone (RFC 8030 §7.3, FCM); 429 and 5xx are worth retrying, after the
 * server's Retry-After if it gave one; any other 4xx will not get better by retrying.
 */
export function outcomeForStatus(
  status: number,
  retryAfter: string | string[] | null | undefined,
  detail: string,
  now: Date = new Date(),
): SendResult {
  const reason = detail ? `${status}: ${detail}` : String(status);
  if (status >= 200 && status < 300) return { outcome: "sent" };
  if (status === 404 || status === 410) return { outcome: "gone", reason };
  if (status === 429 || status >= 500) {
    const afterMs = parseRetryAfter(retryAfter, now);
    return afterMs === undefined
      ? { outcome: "retry", reason }
      : { outcome: "retry", afterMs, reason };
  }
  return { outcome: "failed", reason };
}

/** A network failure (refused, reset, timed out, TLS): the service may be back soon. */
export function networkRetry(error: unknown): SendResult {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return {
    outcome: "retry",
    reason: typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message,
  };
}

/** Keeps a response body short enough to log and store as a reason. */
export function shorten(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
