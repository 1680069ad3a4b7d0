export const USAGE_PERIODS = ["DAY", "WEEK", "MONTH", "ALL"] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of `now`'s day: the daily AI budget and the DAY period reset then. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Where a usage period starts: DAY is today (UTC), WEEK and MONTH the last 7 and 30 days
 * including today, ALL has no start.
 */
export function periodStart(period: UsagePeriod, now: Date): Date | undefined {
  const today = startOfUtcDay(now);
  switch (period) {
    case "DAY":
      return today;
    case "WEEK":
      return new Date(today.getTime() - 6 * DAY_MS);
    case "MONTH":
      return new Date(today.getTime() - 29 * DAY_MS);
    case "ALL":
      return undefined;
  }
}
