import { isQuiet, localClock, minutesOf, type QuietHours } from "./local-time.ts";

export interface DueState {
  dueCount: number;
  cardIds: string[];
  remindedCardIds: string[];
  observedAt: Date;
}

/** A `learning.flashcards_due`: the due count and the soonest due cards (a list that may be cut short). */
export interface DueNotice {
  dueCount: number;
  flashcardIds: string[];
  occurredAt: Date;
}

/**
 * The state after a notice. An older notice arriving late changes nothing. When the notice
 * lists every due card, cards no longer due leave the reminded set, so a card that comes due
 * again later (its next review) is news again; a cut-short list cannot tell, so the set stays.
 */
export function afterNotice(previous: DueState | undefined, notice: DueNotice): DueState {
  if (previous && previous.observedAt >= notice.occurredAt) return previous;
  const reminded = previous?.remindedCardIds ?? [];
  const complete = notice.flashcardIds.length >= notice.dueCount;
  const due = new Set(notice.flashcardIds);
  return {
    dueCount: notice.dueCount,
    cardIds: notice.flashcardIds,
    remindedCardIds: complete ? reminded.filter((id) => due.has(id)) : reminded,
    observedAt: notice.occurredAt,
  };
}

/** Whether any due card is one no reminder has named yet. */
export function hasNewDueCards(state: DueState): boolean {
  if (state.dueCount === 0) return false;
  const reminded = new Set(state.remindedCardIds);
  return state.cardIds.some((id) => !reminded.has(id));
}

export interface ReminderSchedule {
  timezone: string;
  reminderTime: string;
  quietHours: QuietHours | null;
}

/**
 * The reminder window a reminder sent at `now` belongs to (the user's local date), or
 * undefined when none may go out now: before the day's reminder time, or in quiet hours
 * (then it goes out when they end). One reminder per window: the window names its cause.
 */
export function reminderWindow(now: Date, schedule: ReminderSchedule): string | undefined {
  const { date, minutes } = localClock(now, schedule.timezone);
  if (minutes < minutesOf(schedule.reminderTime)) return undefined;
  if (schedule.quietHours && isQuiet(minutes, schedule.quietHours)) return undefined;
  return date;
}
