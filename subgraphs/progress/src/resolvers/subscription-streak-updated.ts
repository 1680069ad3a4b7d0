import { subscriptionEvent } from "@kai/events";
import type { ProgressContext } from "../context.ts";

/** Resolves the payload from the event the gateway is fanning out (see gateway/src/subscriptions). */
export const streakUpdated = {
  resolve(_: unknown, __: unknown, ctx: ProgressContext) {
    const { userId, data } = subscriptionEvent(ctx, "progress.streak_updated");
    return { ...data, at: new Date(data.at), user: { id: userId } };
  },
};
