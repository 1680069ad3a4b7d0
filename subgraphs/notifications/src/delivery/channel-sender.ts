import type { ClaimedDelivery, DeliveryOutcome } from "../db/deliveries.repo.ts";

/**
 * One outside channel's way out. `send` makes one attempt and reports; it never throws for
 * a refusal or waits to retry (the dispatcher schedules retries from the outcome).
 */
export interface ChannelSender {
  send(claimed: ClaimedDelivery): Promise<DeliveryOutcome>;
}

/**
 * The senders by channel. A channel with none (EMAIL until the notification mail template is
 * wired) is marked SKIPPED with the reason, so the row says why nothing went out.
 */
export type ChannelSenders = Partial<Record<string, ChannelSender>>;
