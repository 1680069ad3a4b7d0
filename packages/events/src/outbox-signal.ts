/** An outbox row whose transaction has just committed: what the relay needs to publish it. */
export interface CommittedEvent {
  id: string;
  subject: string;
  payload: Record<string, unknown>;
}

/**
 * The relays of this process, by the database whose outbox they drain. A transaction that
 * enqueues an event hands it to them when it commits (see enqueue.ts), so the relay publishes
 * it at once, without reading it back, and no caller has to remember to wake it.
 * Process-local on purpose: another replica's rows are the poll's job.
 */
const relays = new WeakMap<object, Set<(event: CommittedEvent) => void>>();

/** Calls `take` with each event committed to `db`'s outbox; returns the unsubscribe. */
export function onOutboxCommit(db: object, take: (event: CommittedEvent) => void): () => void {
  let waiting = relays.get(db);
  if (!waiting) {
    waiting = new Set();
    relays.set(db, waiting);
  }
  waiting.add(take);
  return () => waiting.delete(take);
}

/** Hands the relays of `db` an event whose row has just committed to its outbox. */
export function outboxCommitted(db: object, event: CommittedEvent): void {
  for (const take of relays.get(db) ?? []) take(event);
}
