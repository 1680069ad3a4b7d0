/**
 * Runs work for many keys at once and at most one item per key at a time; items pushed for a
 * key while it runs wait, and only the newest of them runs next. For a refresh that reads the
 * current state (a user's scores set on a board): two refreshes of one user never overlap, so
 * an older read cannot land after a newer one, and a burst costs two runs, not one per item.
 */
export class LatestPerKey<T> {
  /** Keys with an item running, and the newest item pushed since it started. */
  private readonly keys = new Map<string, { next: { item: T } | undefined; done: Promise<void> }>();

  /** `run` must not reject: settle its errors itself. */
  constructor(private readonly run: (item: T) => Promise<void>) {}

  /** Runs `item` now, or once the key's running item is done unless a newer one comes first. */
  push(key: string, item: T): void {
    const busy = this.keys.get(key);
    if (busy) {
      busy.next = { item };
      return;
    }
    const state = { next: { item } as { item: T } | undefined, done: Promise.resolve() };
    this.keys.set(key, state);
    state.done = (async () => {
      // Checked and deleted with no await between, so a push sees either a running key that
      // will take its item or no key at all.
      for (let next = state.next; next; next = state.next) {
        state.next = undefined;
        await this.run(next.item);
      }
      this.keys.delete(key);
    })();
  }

  /** Resolves when every pushed item has run or been replaced by a newer one. */
  async idle(): Promise<void> {
    while (this.keys.size > 0) await Promise.all([...this.keys.values()].map((key) => key.done));
  }
}
