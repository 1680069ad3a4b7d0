/** "30 minutes", "1 hour", "2 days": how long a link works, in the largest whole unit. */
export function formatDuration(minutes: number): string {
  const [amount, unit] =
    minutes % 1440 === 0
      ? [minutes / 1440, "day"]
      : minutes % 60 === 0
        ? [minutes / 60, "hour"]
        : [minutes, "minute"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}

/** A moment as the reader's clock shows it, with the zone named: "21 November 2026 at 14:05 (Europe/Berlin)". */
export function formatMoment(at: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    dateStyle: "long",
    timeStyle: "short",
  }).format(at);
  return `${local} (${timeZone})`;
}
