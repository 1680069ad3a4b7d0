import type { Db } from "@kai/db";
import type { BackgroundTask } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { claimDeliveries, finishDelivery } from "../db/deliveries.repo.ts";
import type { NotificationsSchema } from "../db/tables.ts";
import type { ChannelSenders } from "./channel-sender.ts";

/** Deliveries taken per poll. */
const BATCH = 50;
/** Longer than any one send (the push senders time out at 10 s). */
const LEASE_MS = 60_000;
/** A sender that keeps throwing is given up on after this many attempts. */
const MAX_ATTEMPTS = 10;

export interface DispatcherOptions {
  db: Db<NotificationsSchema>;
  log: Logger;
  senders: ChannelSenders;
  intervalMs: number;
  now: () => Date;
}

/**
 * Sends queued deliveries beside the consumers, so a slow or failing push service never
 * holds one: each poll leases the due deliveries, sends them through their channel's sender
 * and records the outcome (sent, a retry time, failed, skipped).
 */
export function startDispatcher(options: DispatcherOptions): BackgroundTask & {
  /** One poll now (tests). */
  poll(): Promise<void>;
} {
  const { db, log, senders, now } = options;
  const pollOnce = async () => {
    const claimed = await claimDeliveries(db, now(), BATCH, LEASE_MS);
    await Promise.all(
      claimed.map(async (item) => {
        const sender = senders[item.delivery.channel];
        const outcome = sender
          ? await sender.send(item).catch((error: unknown) => {
              const reason = error instanceof Error ? error.message : String(error);
              return item.delivery.attempts >= MAX_ATTEMPTS
                ? { status: "FAILED" as const, reason }
                : { status: "RETRY" as const, at: new Date(now().getTime() + LEASE_MS), reason };
            })
          : { status: "SKIPPED" as const, reason: `no sender for ${item.delivery.channel}` };
        await finishDelivery(db, item.delivery.id, outcome, now());
      }),
    );
  };
  let running: Promise<void> | undefined;
  const poll = () => {
    running ??= pollOnce()
      .catch((error: unknown) =>
        log.warn({ err: error }, "delivery poll failed; next poll retries"),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void poll(), options.intervalMs);
  return {
    poll,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
