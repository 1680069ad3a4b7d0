import type { ConsumerSpec } from "@kai/runtime";
import { lockDueCards, saveDueCards } from "../../db/due-cards.repo.ts";
import type { NotificationsSchema } from "../../db/tables.ts";
import { afterNotice } from "../../domain/due-reminder.ts";

/**
 * Keeps the latest due cards per user. It notifies nobody itself: learning announces due
 * cards after every scan and review, and the reminder scheduler batches them into at most
 * one DUE_CARDS per user and reminder window (reminders/reminder-scheduler.ts).
 */
export function flashcardsDueConsumer(): ConsumerSpec<
  NotificationsSchema,
  "learning.flashcards_due"
> {
  return {
    durable: "notifications-flashcards-due",
    type: "learning.flashcards_due",
    async handle(tx, { userId, data, occurredAt }) {
      const previous = await lockDueCards(tx, userId);
      const next = afterNotice(previous, {
        dueCount: data.dueCount,
        flashcardIds: data.flashcardIds,
        occurredAt: new Date(occurredAt),
      });
      if (next !== previous) await saveDueCards(tx, userId, next);
    },
  };
}
