/**
 * Calendar days as analytics reads them: "YYYY-MM-DD" strings, with arithmetic done on the
 * date alone (no clock, no zone), so a day is the same day in every time zone asked for.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** Days from `from` to `to`, both included (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, oldest first. */
export function eachDay(from: string, to: string): string[] {
  return Array.from({ length: Math.max(daysBetween(from, to), 0) }, (_, i) => addDays(from, i));
}

/** The Monday of the (ISO) week the day is in. */
export function weekStart(day: string): string {
  const weekday = new Date(toUtc(day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Whole weeks from one Monday to a later one. */
export function weeksBetween(fromMonday: string, toMonday: string): number {
  return Math.round((toUtc(toMonday) - toUtc(fromMonday)) / (7 * DAY_MS));
}

/** The calendar day the instant falls on in the zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}
