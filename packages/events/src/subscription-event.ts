import type { Viewer } from "@kai/auth";
import { forbidden } from "@kai/errors";
import { type EventData, type EventEnvelope, type EventType, parseEvent } from "./catalogue.ts";

/**
 * The event a subscription payload is resolved from. The gateway hands each event it fans
 * out to the owning subgraph with the subscriber's token; the subgraph re-parses it (it is
 * request input) and refuses an event of another user, so a payload never leaks across users.
 */
function subscriptionEvent<T extends EventType>(
  context: { viewer: Viewer | null; event?: unknown },
  type: T,
): EventEnvelope<T> {
  const event = parseEvent(type, context.event);
  if (!context.viewer || context.viewer.id !== event.userId)
    throw forbidden("This event belongs to another user");
  return event;
}

/**
 * What an `@event` subscription field resolves to: the event's data, plus its user as a `User`
 * reference (every subscription payload is about its subscriber, and the gateway resolves
 * `user { … }` from the users subgraph). A payload type names its fields after the event's
 * data and needs no resolver for them; a field the data does not hold (due cards, loaded from
 * their ids) gets one on the payload type, with this as its parent (a codegen mapper).
 */
export type EventPayload<T extends EventType> = EventData<T> & {
  user: { __typename: "User"; id: string };
};

/** The payload of the subscription field fed by `type`, from the event the gateway sent. */
export function subscriptionPayload<T extends EventType>(
  context: { viewer: Viewer | null; event?: unknown },
  type: T,
): EventPayload<T> {
  const { userId, data } = subscriptionEvent(context, type);
  return { ...data, user: { __typename: "User", id: userId } };
}
