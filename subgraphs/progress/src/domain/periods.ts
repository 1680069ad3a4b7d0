export const LEADERBOARD_PERIODS = ["ALL_TIME", "WEEKLY", "MONTHLY"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export interface PeriodWindow {
  /** Names the window, e.g. "all", "weekly:2026-W03", "monthly:2026-01". */
  id: string;
  /** Inclusive start; null for all time. */
  since: Date | null;
  /** Exclusive end; null for all time. */
  until: Date | null;
}

const DAY_MS = 86_400_000;

// Leaderboard periods are UTC, not per user: everyone on one board must share one week.
export function periodWindow(period: LeaderboardPeriod, at: Date): PeriodWindow {
  if (Number.isNaN(at.getTime())) throw new RangeError("Invalid date");
  if (period === "ALL_TIME") return { id: "all", since: null, until: null };
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  if (period === "MONTHLY") {
    return {
      id: `monthly:${year}-${pad(month + 1)}`,
      since: new Date(Date.UTC(year, month, 1)),
      until: new Date(Date.UTC(year, month + 1, 1)),
    };
  }
  const daysSinceMonday = (at.getUTCDay() + 6) % 7;
  const since = new Date(Date.UTC(year, month, at.getUTCDate() - daysSinceMonday));
  // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the first Thursday.
  const thursday = new Date(since.getTime() + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return {
    id: `weekly:${isoYear}-W${pad(week)}`,
    since,
    until: new Date(since.getTime() + 7 * DAY_MS),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
