/**
 * Local wall-clock times ("HH:MM") in a user's zone: quiet hours and the reminder time.
 * Minutes since local midnight are enough for both; waits are computed in whole minutes from
 * the wall clock, so on a DST change day a wait may be an hour off, which a reminder tolerates.
 */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `text` is a 24-hour "HH:MM". */
export function isLocalTime(text: string): boolean {
  return HH_MM.test(text);
}

/** Minutes since midnight of a valid "HH:MM". */
export function minutesOf(time: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`not an HH:MM time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The local date (YYYY-MM-DD) and minutes since local midnight of `at` in `zone`. */
export function localClock(at: Date, zone: string): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    minutes: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

export interface QuietHours {
  start: string;
  end: string;
}

/** Whether `minutes` (since local midnight) fall in quiet hours, which may span midnight. */
export function isQuiet(minutes: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** `at` itself outside quiet hours; during them, the instant they end. */
export function afterQuietHours(at: Date, zone: string, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const { minutes } = localClock(at, zone);
  if (!isQuiet(minutes, quiet)) return at;
  const wait = (minutesOf(quiet.end) - minutes + 1440) % 1440;
  const startOfMinute = at.getTime() - (at.getTime() % 60_000);
  return new Date(startOfMinute + wait * 60_000);
}
