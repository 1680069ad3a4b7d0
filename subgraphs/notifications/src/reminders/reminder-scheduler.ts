import type { Db } from "@kai/db";
import type { BackgroundTask } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { findUsersWithDueCards, lockDueCards, saveDueCards } from "../db/due-cards.repo.ts";
import { findPreferences } from "../db/preferences.repo.ts";
import type { NotificationsSchema } from "../db/tables.ts";
import { hasNewDueCards, reminderWindow } from "../domain/due-reminder.ts";
import { notify } from "../notify/notify.ts";

/** Users looked at per scan; the rest wait for the next. */
const USERS_PER_SCAN = 500;

export interface ReminderSchedulerOptions {
  db: Db<NotificationsSchema>;
  log: Logger;
  intervalMs: number;
  now: () => Date;
}

/**
 * Turns due cards into DUE_CARDS reminders: for each user with due cards no reminder named
 * yet, once their local reminder time has passed and outside quiet hours, one notification
 * for that local date (its cause), naming the current due count. Replicas may scan at once:
 * the (user, cause) key lets only one reminder per window exist.
 */
export function startReminderScheduler(options: ReminderSchedulerOptions): BackgroundTask & {
  /** One scan now; tests with a fixed clock call it instead of waiting for the timer. */
  scan(): Promise<void>;
} {
  const { db, log, now } = options;
  const remind = (userId: string, window: string, at: Date) =>
    db.transaction(async (tx) => {
      const state = await lockDueCards(tx, userId);
      if (!state || !hasNewDueCards(state)) return;
      const created = await notify(
        tx,
        {
          userId,
          kind: "DUE_CARDS",
          cause: `due-cards:${window}`,
          title: "Time to review",
          body: `${state.dueCount} flashcard${state.dueCount === 1 ? " is" : "s are"} due.`,
          data: { dueCount: state.dueCount },
        },
        at,
      );
      // Only a reminder sent names the cards; a window already used leaves them for the next.
      if (created) await saveDueCards(tx, userId, { ...state, remindedCardIds: state.cardIds });
    });

  const scanOnce = async () => {
    const at = now();
    const candidates = (await findUsersWithDueCards(db, USERS_PER_SCAN)).filter(hasNewDueCards);
    if (candidates.length === 0) return;
    const schedules = await findPreferences(
      db,
      candidates.map((row) => row.userId),
    );
    for (const schedule of schedules) {
      const window = reminderWindow(at, schedule);
      if (window) await remind(schedule.userId, window, at);
    }
  };

  let running: Promise<void> | undefined;
  const scan = () => {
    running ??= scanOnce()
      .catch((error: unknown) =>
        log.warn({ err: error }, "reminder scan failed; next scan retries"),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void scan(), options.intervalMs);
  return {
    scan,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
