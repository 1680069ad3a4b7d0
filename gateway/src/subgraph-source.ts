import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GatewayContext } from "./context.ts";

/**
 * Forwards the caller's bearer token and request id to every subgraph: each subgraph
 * verifies the token itself, and logs across services share one request id. The user agent
 * and client address go too, so users can name the device of each session and limit each
 * client's password-reset asks.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request, context } = options;
    if (!("requestId" in context)) return;
    const userAgent =
      "incomingRequestContext" in options
        ? options.incomingRequestContext.request.http?.headers.get("user-agent")
        : undefined;
    if (userAgent) request.http?.headers.set("user-agent", userAgent);
    // Replaces whatever the client sent: subgraphs trust this header from the gateway only.
    if (context.clientAddress) request.http?.headers.set("x-forwarded-for", context.clientAddress);
    request.http?.headers.set("x-request-id", context.requestId);
    if (context.token) request.http?.headers.set("authorization", `Bearer ${context.token}`);
  }
}
