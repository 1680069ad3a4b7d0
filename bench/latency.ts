import type { StreakUpdate, Subscriber } from "./subscribers.ts";

/**
 * The time now in epoch milliseconds, from the monotonic clock: comparable with the timestamps
 * the services write (same machine), steady within a run.
 */
export const clockNow = () => performance.timeOrigin + performance.now();

/** One measured review and what became of it, in clockNow() times. */
export interface ReviewRecord {
  userId: string;
  flashcardId: string;
  /** The user's points once it is applied: its update is recognised by them. */
  points: number;
  sentAt: number;
  answeredAt?: number;
  /** When the first and the last of the user's sockets received its update. */
  firstAt?: number;
  lastAt?: number;
}

/**
 * Matches each delivered update to the review that caused it. Every review earns the same
 * points, so a user's n-th review is the one that brings their points to n × POINTS; reviews
 * of one user are spaced far enough apart (round-robin over all users) to commit in order.
 */
export class LatencyLedger {
  static readonly POINTS = 10;
  private readonly counts = new Map<string, number>();
  private readonly measured = new Map<string, ReviewRecord>();
  private readonly seen = new Set<string>();
  readonly latencies: number[] = [];
  wrongUser = 0;
  duplicates = 0;

  /** Call just before sending a review; `measured` false for warm-up reviews (no record then). */
  sent(userId: string, flashcardId: string, measured: boolean): ReviewRecord | undefined {
    const count = (this.counts.get(userId) ?? 0) + 1;
    this.counts.set(userId, count);
    if (!measured) return undefined;
    const points = count * LatencyLedger.POINTS;
    const record = { userId, flashcardId, points, sentAt: clockNow() };
    this.measured.set(key(userId, points), record);
    return record;
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
    const review = this.measured.get(key(user.userId, update.points));
    if (!review) return;
    this.latencies.push(receivedAt - review.sentAt);
    review.firstAt ??= receivedAt;
    review.lastAt = receivedAt;
  }

  /** Distinct updates each subscriber has received so far, warm-up included. */
  get deliveries(): number {
    return this.seen.size;
  }

  get reviews(): ReviewRecord[] {
    return [...this.measured.values()];
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
