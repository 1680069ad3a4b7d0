import { localDate, previousDay } from "./local-date.ts";

export interface StreakRiskState {
  streak: number;
  lastActiveDate: string | null;
  /** The local date the user was last told their streak is at risk, if ever. */
  atRiskAnnouncedDate: string | null;
}

export interface StreakAtRisk {
  /** The streak that ends at local midnight unless the user does something today. */
  streak: number;
  /** The user's local date at risk, YYYY-MM-DD. */
  date: string;
}

// Same reasoning as local-date.ts: a formatter per zone is built once and reused.
const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) the user's wall clock shows at `at`, DST included. */
export function localHour(at: Date, timeZone: string): number {
  let formatter = hourFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" });
    hourFormatters.set(timeZone, formatter);
  }
  const hour = formatter.formatToParts(at).find((part) => part.type === "hour")?.value;
  if (hour === undefined) throw new RangeError(`No hour for ${timeZone}`);
  return Number(hour);
}

/**
 * Whether to warn the user now that their streak is about to end: it is `riskHour` or later
 * on their own clock, they were active yesterday (so the streak is alive) but not yet today,
 * and they have not been warned today. Reading the wall clock's hour, not an offset from
 * midnight, keeps "20:00" meaning 20:00 on a 23- or 25-hour DST day.
 */
export function streakAtRisk(
  state: StreakRiskState,
  now: Date,
  timeZone: string,
  riskHour: number,
): StreakAtRisk | undefined {
  if (state.streak <= 0 || state.lastActiveDate === null) return undefined;
  if (localHour(now, timeZone) < riskHour) return undefined;
  const today = localDate(now, timeZone);
  // Active today: safe. Last active before yesterday: already broken, nothing to save.
  if (state.lastActiveDate !== previousDay(today)) return undefined;
  if (state.atRiskAnnouncedDate === today) return undefined;
  return { streak: state.streak, date: today };
}
