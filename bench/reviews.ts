import { waitFor } from "@kai/testkit";
import { type BenchUser, nextCard, review } from "./fixtures.ts";
import { clockNow, type LatencyLedger } from "./latency.ts";
import { mapPooled } from "./pool.ts";

/** Warm-up reviews in flight at once: a steady trickle, not a flood of the subgraphs. */
const WARM_UP_CONCURRENCY = 8;
const WARM_UP_MS = 20_000;

/**
 * One unmeasured review per user, awaited on every socket: proves each subscription reached
 * the gateway (graphql-ws does not acknowledge a subscribe) and warms caches and query plans.
 * Resolves with how many subscribers received it.
 */
export async function warmUp(
  users: readonly BenchUser[],
  ledger: LatencyLedger,
  subscribers: number,
): Promise<number> {
  await mapPooled(users, WARM_UP_CONCURRENCY, (user) => {
    const flashcardId = nextCard(user);
    ledger.sent(user.userId, flashcardId, false);
    return review(user, flashcardId);
  });
  await waitFor(() => (ledger.deliveries >= subscribers ? true : undefined), {
    timeoutMs: WARM_UP_MS,
    what: "the warm-up updates",
  }).catch(() => {});
  return ledger.deliveries;
}

/**
 * Sends `count` measured reviews at `rate` per second, round-robin over the users, without
 * waiting for one to finish before the next is due (as independent users would); resolves
 * with how many failed once all have answered.
 */
export async function sendReviews(
  users: readonly BenchUser[],
  ledger: LatencyLedger,
  count: number,
  rate: number,
): Promise<number> {
  const start = performance.now();
  let failed = 0;
  const inFlight: Promise<unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const due = start + (index * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const user = users[index % users.length] as BenchUser;
    const flashcardId = nextCard(user);
    const record = ledger.sent(user.userId, flashcardId, true);
    inFlight.push(
      review(user, flashcardId).then(
        () => {
          if (record) record.answeredAt = clockNow();
        },
        () => {
          failed++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return failed;
}
