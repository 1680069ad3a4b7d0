import { subscriptionEvent } from "@kai/events";
import type { ProgressContext } from "../context.ts";
import type { SubscriptionResolvers } from "../generated/graphql.ts";

/** Resolves the payload from the event the gateway is fanning out (see gateway/src/subscriptions). */
export const streakUpdated: SubscriptionResolvers["streakUpdated"] = {
  // The gateway streams the events and sends each one here as a single operation, which only
  // calls `resolve`; nothing subscribes to this subgraph, but the generated type wants a
  // `subscribe` all the same.
  subscribe: () => {
    throw new Error("streakUpdated is streamed by the gateway, not by the progress subgraph");
  },
  // The generated type is a union of two subscription shapes whose `resolve` parents differ,
  // so TypeScript infers no parameter types here: they are spelled out. The result is checked.
  resolve: (_: unknown, __: unknown, ctx: ProgressContext) => {
    const { userId, data } = subscriptionEvent(ctx, "progress.streak_updated");
    return { ...data, at: new Date(data.at), user: { __typename: "User" as const, id: userId } };
  },
};
