import type { Logger } from "@kai/service";
import { DeliverPolicy, type JetStreamClient, type NatsConnection, type Subscription } from "nats";

/** The envelope fields the gateway relies on; the owning subgraph parses the rest. */
export interface EventEnvelope {
  id: string;
  type: string;
  userId: string;
  occurredAt: string;
  data: unknown;
}

type Listener = (event: EventEnvelope) => void;

/**
 * Per-user event feeds from NATS. A replica subscribes only to the subjects of users that
 * have a live subscription on it, once per subject however many subscriptions share it, and
 * unsubscribes when the last one ends.
 */
export class UserEvents {
  private readonly feeds = new Map<
    string,
    { subscription: Subscription; listeners: Set<Listener> }
  >();

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly log: Logger,
  ) {}

  /** Calls `listener` for each event on `<eventType>.<userId>`; returns the unsubscribe. */
  listen(eventType: string, userId: string, listener: Listener): () => void {
    const subject = `${eventType}.${userId}`;
    let feed = this.feeds.get(subject);
    if (!feed) {
      const listeners = new Set<Listener>();
      const subscription = this.nc.subscribe(subject, {
        callback: (error, message) => {
          if (error) return this.log.warn({ err: error, subject }, "event feed failed");
          const event = parseEnvelope(message.string());
          if (!event) return this.log.warn({ subject }, "ignoring a malformed event");
          for (const each of listeners) each(event);
        },
      });
      feed = { subscription, listeners };
      this.feeds.set(subject, feed);
    }
    feed.listeners.add(listener);
    const current = feed;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.feeds.get(subject) === current) {
        current.subscription.unsubscribe();
        this.feeds.delete(subject);
      }
    };
  }

  /** Events on `<eventType>.<userId>` after `since`, oldest first, from the JetStream stream. */
  async replay(eventType: string, userId: string, since: Date): Promise<EventEnvelope[]> {
    const stream = eventType.slice(0, eventType.indexOf(".")).toUpperCase();
    const consumer = await this.js.consumers.get(stream, {
      filterSubjects: `${eventType}.${userId}`,
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: since.toISOString(),
    });
    const events: EventEnvelope[] = [];
    const info = await consumer.info(true);
    let pending = info.num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 256), expires: 2_000 });
      let received = 0;
      for await (const message of batch) {
        received++;
        pending = message.info.pending;
        const event = parseEnvelope(message.string());
        if (event && new Date(event.occurredAt) > since) events.push(event);
      }
      if (received === 0) break;
    }
    await consumer.delete().catch(() => {});
    return events;
  }

  /** Subjects this replica currently listens to; tests use it to prove nothing leaks. */
  get subjectCount(): number {
    return this.feeds.size;
  }
}

function parseEnvelope(text: string): EventEnvelope | undefined {
  try {
    const value = JSON.parse(text) as Partial<EventEnvelope>;
    const ok =
      typeof value.id === "string" &&
      typeof value.type === "string" &&
      typeof value.userId === "string" &&
      typeof value.occurredAt === "string";
    return ok ? (value as EventEnvelope) : undefined;
  } catch {
    return undefined;
  }
}
