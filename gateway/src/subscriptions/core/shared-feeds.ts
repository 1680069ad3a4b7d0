/** Starts an upstream feed that hands each item to `deliver`; returns what stops it. */
export type OpenFeed<E> = (deliver: (item: E) => void) => () => void;

/**
 * One upstream feed per key, however many listeners share it: a replica subscribes to a
 * user's NATS subject once for all that user's sockets, and unsubscribes when the last
 * listener leaves, so it listens only to the users connected to it.
 */
export class SharedFeeds<E> {
  private readonly feeds = new Map<
    string,
    { stop: () => void; listeners: Set<(item: E) => void> }
  >();

  /**
   * Calls `listener` with each item of the feed for `key`, opening it with `open` when no
   * listener holds it yet. Returns the unsubscribe; the last one out stops the feed.
   */
  listen(key: string, open: OpenFeed<E>, listener: (item: E) => void): () => void {
    let feed = this.feeds.get(key);
    if (!feed) {
      const listeners = new Set<(item: E) => void>();
      // A listener may leave while an item is being delivered; deliver to a copy.
      const stop = open((item) => {
        for (const each of [...listeners]) each(item);
      });
      feed = { stop, listeners };
      this.feeds.set(key, feed);
    }
    // A distinct entry per call, so the same listener added twice leaves twice.
    const entry = (item: E) => listener(item);
    feed.listeners.add(entry);
    const current = feed;
    return () => {
      if (!current.listeners.delete(entry) || current.listeners.size > 0) return;
      if (this.feeds.get(key) === current) this.feeds.delete(key);
      current.stop();
    };
  }

  /** Upstream feeds open now; tests use it to prove nothing leaks. */
  get size(): number {
    return this.feeds.size;
  }
}
