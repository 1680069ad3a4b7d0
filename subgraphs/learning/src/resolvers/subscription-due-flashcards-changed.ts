import { subscriptionEvent } from "@kai/events";
import type { LearningContext } from "../context.ts";
import type { FederationReferenceTypes, SubscriptionResolvers } from "../generated/graphql.ts";

/** A `learning.flashcards_due` event as a payload; `DueFlashcardsUpdate.cards` loads the cards. */
export interface DueFlashcardsPayload {
  user: FederationReferenceTypes["User"];
  dueCount: number;
  cardIds: string[];
}

/** Resolves the payload from the event the gateway is fanning out (see gateway/src/subscriptions). */
export const dueFlashcardsChanged: SubscriptionResolvers["dueFlashcardsChanged"] = {
  // The gateway owns the stream: it asks for this field as a query with the event attached, so
  // only `resolve` ever runs here. The generated type requires a `subscribe` all the same.
  subscribe: () => {
    throw new Error("dueFlashcardsChanged is streamed by the gateway, not by this subgraph");
  },
  // Annotated: the generated type is a union of two subscription shapes, which TypeScript cannot
  // use to type these parameters; the return is still checked against `DueFlashcardsPayload`.
  resolve: (_: unknown, __: unknown, ctx: LearningContext) => {
    const { userId, data } = subscriptionEvent(ctx, "learning.flashcards_due");
    return {
      user: { __typename: "User" as const, id: userId },
      dueCount: data.dueCount,
      cardIds: data.flashcardIds,
    };
  },
};
