import { eventFieldsOf, subscriptionPayload } from "@kai/events";
import type { BaseContext } from "@kai/service";
import type { DocumentNode } from "graphql";

/**
 * A subgraph's resolvers with the Subscription fields its SDL feeds from events filled in.
 *
 * A subgraph joins the subscription path by declaring `field: Payload! @event(type: "…")`
 * and nothing else. The gateway streams the events; for each one it asks the owning subgraph
 * for the field as a one-off subscription operation carrying the event (`BaseContext.event`).
 * GraphQL executes such an operation once, through `resolve` alone, so no `subscribe` exists
 * here: the resolver made for each field parses the event, refuses another user's, and
 * answers the payload (`EventPayload`: the event's data plus its `user` reference).
 *
 * A subgraph that also writes a resolver for one of these fields is refused at start: two
 * ways to make the same payload would drift apart.
 */
export function withEventSubscriptions(
  typeDefs: DocumentNode,
  resolvers: Record<string, unknown>,
): Record<string, unknown> {
  const fields = eventFieldsOf(typeDefs);
  if (fields.size === 0) return resolvers;
  const own = (resolvers.Subscription ?? {}) as Record<string, unknown>;
  const made: Record<string, unknown> = {};
  for (const [field, type] of fields) {
    if (field in own)
      throw new Error(
        `Subscription.${field} is resolved from its @event by the runtime; remove its resolver`,
      );
    made[field] = {
      resolve: (_root: unknown, _args: unknown, context: BaseContext) =>
        subscriptionPayload(context, type),
    };
  }
  return { ...resolvers, Subscription: { ...own, ...made } };
}
