import type { Clock } from "./clock.ts";

/** The longest delay a Node timer honours (about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `expired` once when `expiresAt` passes, so a connection whose token ran out ends
 * instead of streaming on a credential nobody would accept any more. A token that outlives
 * one timer is waited for in steps. Returns what cancels the wait (on close).
 */
export function whenExpired(expiresAt: Date, clock: Clock, expired: () => void): () => void {
  let cancel = () => {};
  const wait = () => {
    const left = expiresAt.getTime() - clock.now();
    if (left <= 0) return expired();
    cancel = clock.after(Math.min(left, MAX_TIMER_MS), wait);
  };
  wait();
  return () => cancel();
}
