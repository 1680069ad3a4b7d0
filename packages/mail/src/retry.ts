/** How long a mail waits before attempt `attempt + 1`, after `attempt` failures: doubling, capped. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(attempt - 1, 0), maxMs);
}

/**
 * Whether the SMTP server refused this mail for good (a 5xx reply, e.g. an unknown
 * recipient): retrying would get the same answer. nodemailer marks such errors `permanent`;
 * a connection failure carries no reply and is always worth retrying.
 */
export function isPermanentFailure(error: unknown): boolean {
  return (error as { permanent?: unknown } | null)?.permanent === true;
}

const MAX_REASON_LENGTH = 1_000;

/** The failure as recorded on the row and logged: nodemailer's code, then its message. */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const reason =
    typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
  return reason.slice(0, MAX_REASON_LENGTH);
}
