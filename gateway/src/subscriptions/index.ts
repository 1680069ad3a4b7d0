import type { Server } from "node:http";
import type { Revocations, TokenVerifier } from "@kai/auth";
import type { NatsConnections } from "@kai/events";
import type { Logger } from "@kai/service";
import type { DocumentNode, ExecutionResult, GraphQLSchema, ValidationRule } from "graphql";
import type { GatewayContext } from "../context.ts";
import type { GatewayEnv } from "../env.ts";
import type { SubscriptionLimits } from "./core/limits.ts";
import { createSubscriptionCore, type SubscriptionStats } from "./core/subscription-core.ts";
import { startEventExecutor } from "./event-executor.ts";
import { eventSupergraph } from "./event-supergraph.ts";
import { natsUserEvents } from "./nats-user-events.ts";
import { serveOverWebSocket } from "./use-ws.ts";

export { toExecutionResult } from "./execution-result.ts";
export { refuseSubscriptionsOverHttp } from "./http-subscription-guard.ts";

export interface SubscriptionsOptions {
  httpServer: Server;
  /** The API schema clients validate against (the gateway's). */
  schema: GraphQLSchema;
  /** The composed supergraph; its `@event` fields are what can be subscribed to. */
  supergraphSdl: string;
  env: GatewayEnv;
  verifier: TokenVerifier;
  /** The verifier's revocations: a revoked user's sockets close at once. */
  revocations: Revocations;
  nats: NatsConnections;
  limits: SubscriptionLimits;
  /** The gateway's operation limits, applied to every operation sent over the socket. */
  validationRules: readonly ValidationRule[];
  /** Runs queries and mutations sent over the socket, as over HTTP. */
  execute(
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    context: GatewayContext,
  ): Promise<ExecutionResult>;
  log: Logger;
}

export interface SubscriptionServer {
  stats(): SubscriptionStats;
  stop(): Promise<void>;
}

/**
 * Subscriptions at the gateway: graphql-ws on the HTTP server's /graphql (use-ws.ts) over the
 * transport-free core (core/), fed by per-user NATS subjects (nats-user-events.ts), each event
 * resolved across the supergraph like a query (event-executor.ts).
 */
export async function startSubscriptions(
  options: SubscriptionsOptions,
): Promise<SubscriptionServer> {
  const subscribable = eventSupergraph(options.supergraphSdl);
  const executor = await startEventExecutor(subscribable, options.env, options.log);
  const core = createSubscriptionCore<GatewayContext>({
    verifier: options.verifier,
    revocations: options.revocations,
    fields: subscribable.fields,
    events: natsUserEvents(options.nats, options.log),
    execute: (event, request) =>
      executor.execute(request.document, request.variables, { ...request.context, event }),
    limits: options.limits,
  });
  const transport = serveOverWebSocket({
    httpServer: options.httpServer,
    schema: options.schema,
    core,
    execute: options.execute,
    validationRules: options.validationRules,
    log: options.log,
  });
  return {
    stats: () => core.stats(),
    async stop() {
      await transport.stop();
      await executor.stop();
    },
  };
}
