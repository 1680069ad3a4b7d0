export interface BackoffOptions {
  /** The wait after the first failure. Default 30 s. */
  baseMs?: number;
  /** The exponential part never exceeds this. Default 1 hour. */
  maxMs?: number;
  /**
   * Spreads the waits by ± this fraction so many deliveries that failed together (a push
   * service's outage) do not all retry in the same second. Default 0.1; 0 for none.
   */
  jitter?: number;
  /** A number in [0, 1), for the jitter. Default Math.random. */
  random?: () => number;
}

/**
 * How long a caller waits before attempt `attempt + 1`, after `attempt` failures (1-based):
 * doubling from `baseMs`, capped at `maxMs`, spread by `jitter`. A server's Retry-After
 * (`retryAfterMs`, from a `retry` outcome's `afterMs`) is honoured: never retry sooner than
 * it asked, even above the cap (parseRetryAfter already bounds it to a day).
 */
export function backoffDelayMs(
  attempt: number,
  retryAfterMs?: number,
  options: BackoffOptions = {},
): number {
  const baseMs = options.baseMs ?? 30_000;
  const maxMs = options.maxMs ?? 60 * 60 * 1000;
  const jitter = options.jitter ?? 0.1;
  const random = options.random ?? Math.random;
  const exponential = Math.min(baseMs * 2 ** Math.max(attempt - 1, 0), maxMs);
  const spread = exponential * (1 + jitter * (2 * random() - 1));
  return Math.round(Math.max(spread, retryAfterMs ?? 0));
}
