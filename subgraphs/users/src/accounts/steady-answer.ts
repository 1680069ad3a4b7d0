import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits until `minimumMs` have passed since `startedAt` (a `performance.now()` reading), so
 * an answer takes as long whether or not it did work: the time to answer does not tell what
 * the answer hid (whether an email has an account).
 */
export async function answerNoSoonerThan(startedAt: number, minimumMs: number): Promise<void> {
  const left = startedAt + minimumMs - performance.now();
  if (left > 0) await sleep(left);
}
