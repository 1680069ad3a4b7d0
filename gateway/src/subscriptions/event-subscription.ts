import type { ExecutionResult } from "graphql";
import type { EventEnvelope } from "./user-events.ts";

/**
 * One client subscription: events in, execution results out. A hand-written iterator rather
 * than an async generator, because a generator waiting for the next event cannot be returned
 * from until that event arrives, and a closed socket must free its subscription at once.
 */
export class EventSubscription implements AsyncIterableIterator<ExecutionResult> {
  private readonly buffer: EventEnvelope[] = [];
  private readonly seen = new Set<string>();
  private waiting: ((event: EventEnvelope | undefined) => void) | undefined;
  private finished = false;
  private ready: Promise<void> = Promise.resolve();

  /**
   * @param resolve turns an event into the client's result
   * @param onFinish releases what the subscription holds; called exactly once
   * @param bufferLimit events held for a client that reads slower than they come; the oldest are dropped beyond it
   */
  constructor(
    private readonly resolve: (event: EventEnvelope) => Promise<ExecutionResult>,
    private readonly onFinish: () => void,
    private readonly bufferLimit = 100,
  ) {}

  /** Sends these (missed) events first; live events repeating one of them are skipped. */
  prepend(missed: Promise<EventEnvelope[]>): void {
    this.ready = missed.then((events) => {
      for (const event of events) this.seen.add(event.id);
      const live = this.buffer.splice(0).filter((event) => !this.seen.has(event.id));
      this.buffer.push(...events, ...live);
    });
  }

  push(event: EventEnvelope): void {
    if (this.finished || this.seen.has(event.id)) return;
    if (this.waiting) {
      const deliver = this.waiting;
      this.waiting = undefined;
      deliver(event);
      return;
    }
    this.buffer.push(event);
    if (this.buffer.length > this.bufferLimit) this.buffer.shift();
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.ready;
    if (this.finished) return { done: true, value: undefined };
    const event =
      this.buffer.shift() ??
      (await new Promise<EventEnvelope | undefined>((r) => (this.waiting = r)));
    if (!event || this.finished) return { done: true, value: undefined };
    const result = await this.resolve(event);
    // The event's time is the resume point a reconnecting client sends as `lastEventAt`.
    const extensions = { ...result.extensions, eventId: event.id, occurredAt: event.occurredAt };
    return { done: false, value: { ...result, extensions } };
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.finish();
    return { done: true, value: undefined };
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.buffer.length = 0;
    this.waiting?.(undefined);
    this.waiting = undefined;
    this.onFinish();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
