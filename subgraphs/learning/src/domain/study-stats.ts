const DAY_MS = 86_400_000;

/** The longest window `studyStats` answers for, in days. */
export const MAX_STATS_DAYS = 365;

export interface StudyWindow {
  /** Reviews count from here: midnight UTC `days - 1` days ago, so today is day `days`. */
  since: Date;
  /** Midnight UTC today: the forecast's first day. */
  today: Date;
  /** Midnight UTC after the forecast's last day. */
  until: Date;
}

/** The last `days` UTC days, today included, and the next `days` days from today. */
export function studyWindow(now: Date, days: number): StudyWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    since: new Date(today - (days - 1) * DAY_MS),
    today: new Date(today),
    until: new Date(today + days * DAY_MS),
  };
}

/** The share of reviews that recalled the card (quality ≥ 3); null without reviews to judge. */
export function retention(reviews: number, recalled: number): number | null {
  return reviews === 0 ? null : recalled / reviews;
}

/**
 * One entry per day from `today` for `days` days, zeros included so a chart needs no gaps
 * filled; counts on days before today (overdue cards) are due today.
 */
export function dueForecast(
  counts: readonly { date: string; count: number }[],
  today: Date,
  days: number,
): { date: string; count: number }[] {
  const dates = Array.from({ length: days }, (_, i) =>
    new Date(today.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
  const first = dates[0] ?? "";
  const perDay = new Map(dates.map((date) => [date, 0]));
  for (const { date, count } of counts) {
    const day = date.localeCompare(first) < 0 ? first : date;
    const known = perDay.get(day);
    if (known !== undefined) perDay.set(day, known + count);
  }
  return dates.map((date) => ({ date, count: perDay.get(date) ?? 0 }));
}
