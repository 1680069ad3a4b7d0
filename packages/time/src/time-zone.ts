/**
 * Whether `zone` is an IANA time zone this runtime knows (e.g. "Europe/Paris", "UTC"): the
 * one test for a zone a user picks (users) and for one an event carries (progress), since a
 * zone one side accepts and the other refuses would count that user's days in UTC.
 *
 * Not cached: a check costs microseconds, and a cache keyed by caller input would grow with
 * every spelling sent (zone names are matched without regard to case).
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
