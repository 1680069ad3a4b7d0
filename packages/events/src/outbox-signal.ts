/**
 * The relays of this process, by the database whose outbox they drain. A transaction that
 * enqueues an event signals its database when it commits (see enqueue.ts), so the relay
 * publishes at once instead of at its next poll, and no caller has to remember to wake it.
 * Process-local on purpose: another replica's rows are the poll's job.
 */
const relays = new WeakMap<object, Set<() => void>>();

/** Calls `wake` whenever an event is committed to `db`'s outbox; returns the unsubscribe. */
export function onOutboxCommit(db: object, wake: () => void): () => void {
  let waiting = relays.get(db);
  if (!waiting) {
    waiting = new Set();
    relays.set(db, waiting);
  }
  waiting.add(wake);
  return () => waiting.delete(wake);
}

/** Wakes the relays of `db`: an event written to its outbox has just committed. */
export function outboxCommitted(db: object): void {
  for (const wake of relays.get(db) ?? []) wake();
}
