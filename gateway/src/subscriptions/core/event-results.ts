import type { ExecutionResult } from "graphql";
import type { EventQueue } from "./event-queue.ts";

/** What the client's stream needs of an event: its id and its time (the resume point). */
export interface StreamedEvent {
  id: string;
  occurredAt: string;
}

/**
 * One subscription's results: each event from the queue resolved into the client's selection,
 * tagged with `extensions.eventId` and `extensions.occurredAt` (what a reconnecting client
 * sends back as `lastEventAt`).
 *
 * A hand-written iterator rather than an async generator: a generator waiting for its next
 * event cannot be returned from until that event arrives, and a closed socket must free its
 * subscription at once.
 */
export class EventResults<E extends StreamedEvent>
  implements AsyncIterableIterator<ExecutionResult>
{
  private finished = false;

  /**
   * @param queue the subscription's events, replay first
   * @param resolve turns an event into the client's result
   * @param onFinish releases what the subscription holds (listener, slot); called exactly once
   */
  constructor(
    private readonly queue: EventQueue<E>,
    private readonly resolve: (event: E) => Promise<ExecutionResult>,
    private readonly onFinish: () => void,
  ) {}

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    const event = this.finished ? undefined : await this.queue.next();
    if (!event || this.finished) return { done: true, value: undefined };
    const result = await this.resolve(event);
    const extensions = { ...result.extensions, eventId: event.id, occurredAt: event.occurredAt };
    return { done: false, value: { ...result, extensions } };
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.finish();
    return { done: true, value: undefined };
  }

  /** Ends the stream and releases what it holds; safe to call again. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.close();
    this.onFinish();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
