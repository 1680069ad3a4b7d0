import { type DocumentNode, print } from "graphql";
import { type Clock, systemClock } from "./clock.ts";

/**
 * Runs each distinct piece of work once while its result is fresh. A user with the app open
 * on several devices holds identical subscriptions; each event they share is resolved across
 * the supergraph once, not once per socket.
 */
export class SharedExecutions<T> {
  private readonly running = new Map<string, Promise<T>>();

  /**
   * @param keepMs how long a result is reused; default 30 s, long enough for the slowest of a
   *   user's sockets to ask for it, short enough that memory follows the event rate
   * @param clock default the system clock
   */
  constructor(
    private readonly keepMs = 30_000,
    private readonly clock: Clock = systemClock,
  ) {}

  run(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const result = work();
    this.running.set(key, result);
    this.clock.after(this.keepMs, () => this.running.delete(key));
    return result;
  }

  /** Drops the result kept for `key`: the next `run` does the work again. */
  forget(key: string): void {
    this.running.delete(key);
  }

  get size(): number {
    return this.running.size;
  }
}

/**
 * What one subscription's result for an event depends on, as a key: the operation and its
 * variables. Events are per user, so with the event's id it names the result exactly.
 */
export function operationKey(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): string {
  return `${print(document)}|${JSON.stringify(variables ?? {})}`;
}

export function executionKey(eventId: string, operation: string): string {
  return `${eventId}|${operation}`;
}
