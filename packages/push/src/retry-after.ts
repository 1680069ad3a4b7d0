/** Longest Retry-After honoured: a buggy or hostile header must not park a delivery for months. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * A Retry-After header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) in milliseconds
 * from `now`, capped at MAX_RETRY_AFTER_MS; undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | string[] | null | undefined,
  now: Date = new Date(),
): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (header === undefined || header === null) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    // An HTTP-date names its day and month; without letters Date.parse reads "-5" as a year.
    const at = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(at - now.getTime(), 0);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
