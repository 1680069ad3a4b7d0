/**
 * Runs work for many keys at once, at most `limit` items admitted at a time, and the items of
 * one key one after another in the order they were admitted: a consumer handles different
 * users' events side by side and each user's in order.
 */
export class KeyedLanes {
  /** The last item admitted for each key that has work in flight. */
  private readonly tails = new Map<string, Promise<void>>();
  private admitted = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a positive integer");
  }

  /**
   * Resolves once `work` is admitted (not when it is done), waiting while `limit` items are.
   * `work` runs after the key's earlier items; it must not reject: settle its errors itself.
   */
  async admit(key: string, work: () => Promise<void>): Promise<void> {
    while (this.admitted >= this.limit) await new Promise<void>((free) => this.waiting.push(free));
    this.admitted++;
    const tail = (this.tails.get(key) ?? Promise.resolve()).then(work).finally(() => {
      this.admitted--;
      if (this.tails.get(key) === tail) this.tails.delete(key);
      this.waiting.shift()?.();
    });
    this.tails.set(key, tail);
  }

  /** Resolves when every admitted item has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
