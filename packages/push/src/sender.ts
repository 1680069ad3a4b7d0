/** How urgently the push service should deliver, per RFC 8030 §5.3 (FCM maps it to priority). */
export type Urgency = "very-low" | "low" | "normal" | "high";

/** What the user sees, the same for every channel. */
export interface PushMessage {
  title: string;
  body: string;
  /** Extra fields for the app, e.g. `{ kind: "DUE_CARDS", count: 12 }`. */
  data?: Record<string, unknown>;
  /** Where a click on the notification leads. */
  url?: string;
}

export interface SendOptions {
  /** Seconds the push service keeps an undeliverable message before dropping it. Default 1 day. */
  ttlSeconds?: number;
  /** Default `normal`; `high` wakes a sleeping device, so keep it for what cannot wait. */
  urgency?: Urgency;
}

/**
 * What became of one send; the caller (a dispatcher with its own deliveries table) acts on it:
 * - `sent`: the push service accepted the message.
 * - `gone`: the subscription or device no longer exists (404/410, FCM `UNREGISTERED`):
 *   remove it, never send to it again.
 * - `retry`: worth trying again later (429, 5xx, network). `afterMs` is the server's
 *   Retry-After when it sent one; pass it to `backoffDelayMs`, which never retries sooner.
 * - `failed`: retrying would get the same answer (another 4xx, not configured, bad target).
 */
export type SendResult =
  | { outcome: "sent" }
  | { outcome: "gone"; reason: string }
  | { outcome: "retry"; afterMs?: number; reason: string }
  | { outcome: "failed"; reason: string };

/**
 * One channel's sender. `send` never throws and never waits to retry: it makes one attempt
 * (bounded by a timeout) and reports, so a consumer is never blocked by a slow push service.
 */
export interface PushSender<Target> {
  send(target: Target, message: PushMessage, options?: SendOptions): Promise<SendResult>;
}

/** One day: long enough to reach a phone that was off overnight, short enough to stay relevant. */
export const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/** A send that took longer than this counts as a network failure (retry). */
export const DEFAULT_TIMEOUT_MS = 10_000;
