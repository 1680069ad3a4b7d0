import { localDate, previousDay } from "./local-date.ts";

export interface StreakState {
  streak: number;
  longestStreak: number;
  lastActiveDate: string | null;
}

// Days are the user's own calendar days: a streak should survive a learner's
// late-evening session even when UTC has already rolled over.
export function applyActivity(
  state: StreakState,
  at: Date,
  timeZone: string,
): { state: StreakState; changed: boolean } {
  const today = localDate(at, timeZone);
  const last = state.lastActiveDate;
  // YYYY-MM-DD compares chronologically as a string; late or repeated events must not
  // rewind or double-count the streak.
  if (last !== null && today <= last) return { state, changed: false };
  const streak = last !== null && last === previousDay(today) ? state.streak + 1 : 1;
  return {
    state: {
      streak,
      longestStreak: Math.max(state.longestStreak, streak),
      lastActiveDate: today,
    },
    changed: true,
  };
}

// The stored streak only changes on activity; once a whole local day passes without any,
// the streak is over even though the row still holds the old count.
export function currentStreak(state: StreakState, now: Date, timeZone: string): number {
  if (state.lastActiveDate === null) return 0;
  return state.lastActiveDate >= previousDay(localDate(now, timeZone)) ? state.streak : 0;
}
