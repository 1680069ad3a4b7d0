import { subscriptionEvent } from "@kai/events";
import type { LearningContext } from "../context.ts";

/** Resolves the payload from the event the gateway is fanning out (see gateway/src/subscriptions). */
export const dueFlashcardsChanged = {
  resolve(_: unknown, __: unknown, ctx: LearningContext) {
    const { userId, data } = subscriptionEvent(ctx, "learning.flashcards_due");
    return { user: { id: userId }, dueCount: data.dueCount, cardIds: data.flashcardIds };
  },
};
