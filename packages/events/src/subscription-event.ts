import type { Viewer } from "@kai/auth";
import { forbidden } from "@kai/errors";
import { type EventEnvelope, type EventType, parseEvent } from "./catalogue.ts";

/**
 * The event a subscription payload is resolved from. The gateway hands each event it fans
 * out to the owning subgraph with the subscriber's token; the subgraph re-parses it (it is
 * request input) and refuses an event of another user, so a payload never leaks across users.
 */
export function subscriptionEvent<T extends EventType>(
  context: { viewer: Viewer | null; event?: unknown },
  type: T,
): EventEnvelope<T> {
  const event = parseEvent(type, context.event);
  if (!context.viewer || context.viewer.id !== event.userId)
    throw forbidden("This event belongs to another user");
  return event;
}
