import { localDate, previousDay } from "./local-date.ts";

export interface StreakState {
  streak: number;
  longestStreak: number;
  lastActiveDate: string | null;
  /** Streak freezes held (see streak-freeze.ts). */
  streakFreezes: number;
  /** The last local day a freeze covered; null when none covers the current streak. */
  frozenThrough: string | null;
}

const DAY_MS = 86_400_000;

/** Whole calendar days from one YYYY-MM-DD to another (calendar fields only, so DST cannot skew it). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The later of two YYYY-MM-DD dates (they compare chronologically as strings). */
const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);

/**
 * Spends freezes on the days missed before `today` (the user's local date), one per day, as a
 * nightly job would have: when they cover every missed day the streak lives on, else they are
 * all used up and the streak is over. Today itself is never missed yet: there is still time.
 * Pure and idempotent, so reading the state and recording activity agree at any moment.
 */
export function settleMissedDays(state: StreakState, today: string): StreakState {
  if (state.lastActiveDate === null || state.streak === 0) return state;
  const missed = daysFrom(later(state.lastActiveDate, state.frozenThrough), today) - 1;
  if (missed <= 0) return state;
  if (missed <= state.streakFreezes) {
    return {
      ...state,
      streakFreezes: state.streakFreezes - missed,
      frozenThrough: previousDay(today),
    };
  }
  return { ...state, streak: 0, streakFreezes: 0, frozenThrough: null };
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
  const settled = settleMissedDays(state, today);
  const alive =
    settled.lastActiveDate !== null &&
    settled.streak > 0 &&
    later(settled.lastActiveDate, settled.frozenThrough) === previousDay(today);
  const streak = alive ? settled.streak + 1 : 1;
  return {
    state: {
      ...settled,
      streak,
      longestStreak: Math.max(settled.longestStreak, streak),
      lastActiveDate: today,
    },
    changed: true,
  };
}

// The stored streak only changes on activity; once a whole local day passes without any (and
// without a freeze to cover it), the streak is over even though the row still holds the count.
export function currentStreak(state: StreakState, now: Date, timeZone: string): number {
  return settleMissedDays(state, localDate(now, timeZone)).streak;
}

/** The freezes still held at `now`, after those spent on days missed since the last activity. */
export function currentFreezes(state: StreakState, now: Date, timeZone: string): number {
  return settleMissedDays(state, localDate(now, timeZone)).streakFreezes;
}
