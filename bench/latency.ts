import type { StreakUpdate, Subscriber } from "./subscribers.ts";

/**
 * Matches each delivered update to the review that caused it. Every review earns the same
 * points, so a user's n-th review is the one that brings their points to n × POINTS; reviews
 * of one user are spaced far enough apart (round-robin over all users) to commit in order.
 */
export class LatencyLedger {
  static readonly POINTS = 10;
  private readonly reviews = new Map<string, number>();
  private readonly sentAt = new Map<string, number>();
  private readonly seen = new Set<string>();
  readonly latencies: number[] = [];
  wrongUser = 0;
  duplicates = 0;

  /** Call just before sending a review; `measured` false for warm-up reviews. */
  sent(userId: string, measured: boolean): void {
    const count = (this.reviews.get(userId) ?? 0) + 1;
    this.reviews.set(userId, count);
    if (measured) this.sentAt.set(key(userId, count * LatencyLedger.POINTS), performance.now());
  }

  received(subscriber: Subscriber, update: StreakUpdate, receivedAt: number): void {
    const { user } = subscriber;
    if (update.user.name !== user.name) {
      this.wrongUser++;
      return;
    }
    const id = `${subscriber.index}:${update.points}`;
    if (this.seen.has(id)) {
      this.duplicates++;
      return;
    }
    this.seen.add(id);
    const sentAt = this.sentAt.get(key(user.userId, update.points));
    if (sentAt !== undefined) this.latencies.push(receivedAt - sentAt);
  }

  /** Distinct updates each subscriber has received so far, warm-up included. */
  get deliveries(): number {
    return this.seen.size;
  }
}

const key = (userId: string, points: number) => `${userId}:${points}`;

export interface Summary {
  count: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Nearest-rank percentile of an ascending array: a value that was actually observed. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] ?? Number.NaN;
}
