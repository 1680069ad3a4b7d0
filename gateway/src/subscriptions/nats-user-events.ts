import {
  type EventEnvelope,
  followUserEvents,
  type NatsConnections,
  replayUserEvents,
  subjectOf,
} from "@kai/events";
import type { Logger } from "@kai/service";
import { SharedFeeds } from "./core/shared-feeds.ts";
import type { UserEventSource } from "./core/subscription-core.ts";

/**
 * The core's event source on NATS: one core subscription per user subject on this replica,
 * shared by all that user's subscriptions of one event type, and replay from the owning
 * JetStream stream. Subjects, parsing and replay are @kai/events' own.
 */
export function natsUserEvents(nats: NatsConnections, log: Logger): UserEventSource {
  const feeds = new SharedFeeds<EventEnvelope>();
  return {
    listen(type, userId, listener) {
      const follow = (deliver: (event: EventEnvelope) => void) =>
        followUserEvents(nats.nc, {
          type,
          userId,
          onEvent: deliver,
          onInvalid: (reason) =>
            log.warn({ err: reason, type, userId }, "ignoring a message that is not a valid event"),
        });
      return feeds.listen(subjectOf(type, userId), follow, listener);
    },
    replay: (type, userId, since) => replayUserEvents(nats.js, { type, userId, since }),
    get subjects() {
      return feeds.size;
    },
  };
}
