/**
 * Runs each distinct piece of work once while its result is fresh. A user with the app open
 * on several devices holds identical subscriptions; each event they share is resolved across
 * the supergraph once, not once per socket.
 */
export class SharedExecutions<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** @param keepMs how long a result is reused, long enough for a slow socket to ask for it */
  constructor(private readonly keepMs = 30_000) {}

  run(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const result = work();
    this.running.set(key, result);
    setTimeout(() => this.running.delete(key), this.keepMs).unref();
    return result;
  }

  get size(): number {
    return this.running.size;
  }
}
