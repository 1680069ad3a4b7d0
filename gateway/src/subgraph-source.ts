import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GatewayContext } from "./context.ts";

/**
 * Forwards the caller's bearer token and request id to every subgraph: each subgraph
 * verifies the token itself, and logs across services share one request id.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!("requestId" in context)) return;
    request.http?.headers.set("x-request-id", context.requestId);
    if (context.token) request.http?.headers.set("authorization", `Bearer ${context.token}`);
  }
}
