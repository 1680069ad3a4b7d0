import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import fetch from "node-fetch";
import type { GatewayContext } from "./context.ts";

// Connections to the subgraphs stay open between requests (no TCP handshake per fetch). The
// default fetcher, make-fetch-happen, is an npm registry client whose cache, retry and proxy
// layers (and a stack trace per request to tell http from https) cost the gateway more CPU per
// fetch than planning and merging; Node's own fetch spends as much on web streams.
// Subgraph URLs may be https (a mesh or another host), so each scheme keeps its own pool.
// An idle connection must be dropped here before the subgraph closes it, or a fetch written
// onto it as the subgraph hangs up fails with ECONNRESET. Node drops it a second before the
// server's `Keep-Alive: timeout=…` runs out, but reads that hint only when the agent has an
// idle timeout of its own to shorten (it applies to free sockets only, not to fetches).
const pool = { keepAlive: true, maxSockets: 256, timeout: 60_000 };
const keepAlive = { http: new HttpAgent(pool), https: new HttpsAgent(pool) };
const subgraphFetch = (url: string, init?: Parameters<typeof fetch>[1]) =>
  fetch(url, {
    ...init,
    agent: (target) => (target.protocol === "https:" ? keepAlive.https : keepAlive.http),
  });

/**
 * Forwards the caller's bearer token and request id to every subgraph: each subgraph
 * verifies the token itself, and logs across services share one request id. The user agent
 * and client address go too, so users can name the device of each session and limit each
 * client's password-reset asks.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(config: { url: string }) {
    super({ ...config, fetcher: subgraphFetch });
  }

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
