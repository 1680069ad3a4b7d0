import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

/**
 * A subscription sent as an HTTP request gets a clear 400 pointing at graphql-ws, instead of
 * the gateway executor's internal error.
 */
export function refuseSubscriptionsOverHttp(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError(
            "Subscriptions are served over graphql-ws: open a WebSocket to this same URL",
            { extensions: { code: "BAD_REQUEST", http: { status: 400 } } },
          );
        },
      };
    },
  };
}
