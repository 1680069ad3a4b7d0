/**
 * Codes that mean "the server could not be reached or went away", not "this statement is
 * wrong": postgres.js's own connection codes, the socket errors Node reports, and the
 * SQLSTATEs a server sends while it shuts down, crashes or starts up.
 */
const UNAVAILABLE_CODES = new Set([
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // Node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now
  "57P01",
  "57P02",
  "57P03",
]);

/** SQLSTATE class 08, connection exception (a SQLSTATE is five characters). */
const isConnectionException = (code: string) => code.length === 5 && code.startsWith("08");

/**
 * Whether an error (or any error it wraps: drizzle puts the driver's error in `cause`) says
 * the database is unreachable. Such a failure says nothing about the work that hit it, so
 * callers retry it without counting it against the work (see @kai/events' consumers).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); ) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || isConnectionException(code))) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
