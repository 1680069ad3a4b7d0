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
  private readonly whenFinished: Promise<void>;
  private markFinished = () => {};

  /**
   * @param queue the subscription's events, replay first
   * @param resolve turns an event into the client's result; undefined withholds it, and the
   *   stream then sends nothing more and waits for its connection to end
   * @param onFinish releases what the subscription holds (listener, slot); called exactly once
   */
  constructor(
    private readonly queue: EventQueue<E>,
    private readonly resolve: (event: E) => Promise<ExecutionResult | undefined>,
    private readonly onFinish: () => void,
  ) {
    this.whenFinished = new Promise((resolve) => {
      this.markFinished = resolve;
    });
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    const event = this.finished ? undefined : await this.queue.next();
    if (!event || this.finished) return { done: true, value: undefined };
    const result = await this.resolve(event);
    // Not done at once: graphql-ws would tell the client the subscription completed, and the
    // client would not subscribe again when it reconnects.
    if (!result) {
      await this.whenFinished;
      return { done: true, value: undefined };
    }
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
    this.markFinished();
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
