export interface EventQueueOptions {
  /**
   * Events held for a client that reads slower than they come. Default 100. Beyond it the
   * oldest are dropped: a subscriber wants the current state more than every step to it, and
   * one slow socket must not grow the gateway's memory without bound.
   */
  limit?: number;
}

/** Ids remembered per subscription to drop a second copy of an event. */
const RECENT_IDS = 256;

/**
 * The events of one subscription, in the order the client gets them: replayed (missed) events
 * first, then live ones, each event at most once. Transport-free: it neither listens nor
 * sends; the core pushes live events in and the result stream pulls them out.
 *
 * Order of a resume: the core starts listening before it asks for the replay, so no event falls
 * between the two; an event in both is delivered once, from the replay, and live events that
 * arrive while the replay is read wait behind it.
 */
export class EventQueue<E extends { id: string }> {
  private readonly buffer: E[] = [];
  /**
   * Ids of the events taken, replayed or live, the newest RECENT_IDS of them. An event can come
   * again live, not only after its replay: the relay publishes at least once (a row can go out
   * from its commit and from the poll), and JetStream drops the copy from the stream but core
   * NATS hands both to the gateway. A copy follows its original within moments.
   */
  private readonly seen = new Set<string>();
  private waiting: ((event: E | undefined) => void) | undefined;
  private ready: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly limit: number;

  constructor(options: EventQueueOptions = {}) {
    this.limit = options.limit ?? 100;
  }

  /** Puts the events the client missed (oldest first) ahead of every live one. */
  replayFirst(missed: Promise<readonly E[]>): void {
    this.ready = missed.then((events) => {
      const replayed = new Set(events.map((event) => event.id));
      for (const event of events) this.remember(event.id);
      const live = this.buffer.splice(0).filter((event) => !replayed.has(event.id));
      this.buffer.push(...events, ...live);
      this.trim();
    });
  }

  /** A live event. Ignored once closed, or when it was already taken (replayed or live). */
  push(event: E): void {
    if (this.closed || this.seen.has(event.id)) return;
    this.remember(event.id);
    const deliver = this.waiting;
    if (deliver) {
      this.waiting = undefined;
      deliver(event);
      return;
    }
    this.buffer.push(event);
    this.trim();
  }

  /**
   * The next event, waiting for one if need be; undefined once closed. Rejects when the replay
   * could not be read: the client asked to resume, and silently starting fresh would hide a gap.
   */
  async next(): Promise<E | undefined> {
    await this.ready;
    if (this.closed) return undefined;
    const buffered = this.buffer.shift();
    if (buffered) return buffered;
    return new Promise<E | undefined>((resolve) => {
      this.waiting = resolve;
    });
  }

  private remember(id: string): void {
    this.seen.add(id);
    // A Set iterates in insertion order: the first id is the oldest.
    if (this.seen.size > RECENT_IDS) this.seen.delete(this.seen.values().next().value as string);
  }

  /** Drops what is held and ends a pending `next` with undefined. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    this.waiting?.(undefined);
    this.waiting = undefined;
  }

  /** Events waiting for the client. */
  get size(): number {
    return this.buffer.length;
  }

  private trim(): void {
    if (this.buffer.length > this.limit) this.buffer.splice(0, this.buffer.length - this.limit);
  }
}
