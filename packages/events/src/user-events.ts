import { DeliverPolicy, type JetStreamClient, type NatsConnection } from "nats";
import { type EventEnvelope, type EventType, parseEvent, subjectOf } from "./catalogue.ts";
import { streamOf } from "./streams.ts";

/**
 * A message's text as one user's event of `type`; the reason when it is not one. Messages are
 * untrusted input: the envelope and data are parsed against the catalogue, and an event whose
 * `userId` is not the subject's user is refused, so a misrouted event never reaches a stranger.
 */
export function decodeUserEvent<T extends EventType>(
  type: T,
  userId: string,
  text: string,
): { event: EventEnvelope<T> } | { invalid: unknown } {
  try {
    const event = parseEvent(type, JSON.parse(text));
    if (event.userId !== userId) return { invalid: new Error("event of another user") };
    return { event };
  } catch (error) {
    return { invalid: error };
  }
}

export interface FollowUserEventsOptions<T extends EventType> {
  type: T;
  userId: string;
  onEvent(event: EventEnvelope<T>): void;
  /** A message that is not a valid event of this user (logged by the caller, then skipped). */
  onInvalid(reason: unknown): void;
}

/**
 * Live events of one type for one user, from the core NATS subject `<type>.<userId>` (no
 * stream consumer: the fan-out wants what happens from now on, cheaply, per connected user).
 * Returns the unsubscribe.
 */
export function followUserEvents<T extends EventType>(
  nc: NatsConnection,
  options: FollowUserEventsOptions<T>,
): () => void {
  const { type, userId } = options;
  const subscription = nc.subscribe(subjectOf(type, userId), {
    callback: (error, message) => {
      if (error) return options.onInvalid(error);
      const decoded = decodeUserEvent(type, userId, message.string());
      if ("event" in decoded) options.onEvent(decoded.event);
      else options.onInvalid(decoded.invalid);
    },
  });
  return () => subscription.unsubscribe();
}

export interface ReplayUserEventsOptions<T extends EventType> {
  type: T;
  userId: string;
  /** Only events that occurred strictly after this instant (a client's `lastEventAt`). */
  since: Date;
  /** Messages fetched per request. Default 256. */
  batchSize?: number;
  /** How long one fetch waits for messages the stream said it holds. Default 2 s. */
  fetchTimeoutMs?: number;
}

/**
 * One user's events of one type that occurred after `since`, oldest first, read from the
 * owning stream with a throwaway ordered consumer filtered to `<type>.<userId>`. The stream
 * is positioned by publish time, which is never before an event's `occurredAt` (the relay
 * publishes after the commit), so starting there misses nothing; `occurredAt` then trims the
 * events published after `since` that had occurred before it. Invalid messages are skipped.
 */
export async function replayUserEvents<T extends EventType>(
  js: JetStreamClient,
  options: ReplayUserEventsOptions<T>,
): Promise<EventEnvelope<T>[]> {
  const { type, userId, since } = options;
  const consumer = await js.consumers.get(streamOf(type), {
    filterSubjects: subjectOf(type, userId),
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: since.toISOString(),
  });
  const events: EventEnvelope<T>[] = [];
  try {
    let pending = (await consumer.info(true)).num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({
        max_messages: Math.min(pending, options.batchSize ?? 256),
        expires: options.fetchTimeoutMs ?? 2_000,
      });
      let received = 0;
      for await (const message of batch) {
        received++;
        pending = message.info.pending;
        const decoded = decodeUserEvent(type, userId, message.string());
        if ("event" in decoded && new Date(decoded.event.occurredAt) > since)
          events.push(decoded.event);
      }
      if (received === 0) break;
    }
  } finally {
    await consumer.delete().catch(() => {});
  }
  return events;
}
