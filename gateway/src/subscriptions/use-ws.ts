import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { Logger } from "@kai/service";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  specifiedRules,
  type ValidationRule,
  validate,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";
import type { GatewayContext } from "../context.ts";
import type { SubscriptionConnection, SubscriptionCore } from "./core/subscription-core.ts";

export interface WebSocketTransportOptions {
  /** The gateway's HTTP server; graphql-ws answers its upgrade requests. */
  httpServer: Server;
  /** Default "/graphql": the same URL as HTTP, so a client needs one. */
  path?: string;
  schema: GraphQLSchema;
  core: SubscriptionCore<GatewayContext>;
  /** Runs queries and mutations sent over the socket, as over HTTP. */
  execute(
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    context: GatewayContext,
  ): Promise<ExecutionResult>;
  /** The rules bounding an operation's shape (depth, aliases, cost), the same as over HTTP. */
  validationRules: readonly ValidationRule[];
  log: Logger;
}

/**
 * graphql-ws over `ws`, wired to the subscription core and nothing more: the core decides who
 * connects, what may subscribe and what is sent; this maps its answers onto socket closes
 * (4401 for a refused or expired token) and graphql-ws callbacks.
 */
export function serveOverWebSocket(options: WebSocketTransportOptions): {
  stop(): Promise<void>;
} {
  const { core, log } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path ?? "/graphql" });
  const connections = new Map<WebSocket, SubscriptionConnection<GatewayContext>>();
  // Which connection an operation's context belongs to; graphql-ws hands `subscribe` only the
  // context, and the executor must not see transport state in it.
  const connectionsByContext = new WeakMap<
    GatewayContext,
    SubscriptionConnection<GatewayContext>
  >();
  const connectionOf = (socket: WebSocket) => {
    const connection = connections.get(socket);
    if (!connection) throw new Error("socket has no authenticated connection");
    return connection;
  };

  const server = useServer<Record<string, unknown> | undefined, { socket: WebSocket }>(
    {
      schema: options.schema,
      validate: (schema, document) =>
        validate(schema, document, [...specifiedRules, ...options.validationRules]),
      onConnect: async ({ connectionParams, extra: { socket } }) => {
        const opened = await core.open(connectionParams, (reason) =>
          socket.close(CloseCode.Unauthorized, reason),
        );
        if (typeof opened === "string") {
          socket.close(CloseCode.Unauthorized, opened);
          return false;
        }
        // The socket may have closed while the token was verified; onClose has then run already.
        if (socket.readyState !== socket.OPEN) {
          opened.close();
          return false;
        }
        connections.set(socket, opened);
        // The ack carries the server's time: a client that has seen no event yet resumes from
        // it after a drop, so what happened while it reconnected is replayed, not lost.
        return { serverTime: new Date().toISOString() };
      },
      onClose: ({ extra: { socket } }) => {
        connections.get(socket)?.close();
        connections.delete(socket);
      },
      context: ({ extra: { socket } }) => {
        const connection = connectionOf(socket);
        const { viewer, token } = connection.session;
        const requestId = randomUUID();
        const context: GatewayContext = {
          viewer,
          token,
          requestId,
          log: log.child({ requestId, viewerId: viewer.id }),
          persistedDocument: false,
        };
        connectionsByContext.set(context, connection);
        return context;
      },
      execute: (args: ExecutionArgs) =>
        options.execute(
          args.document,
          args.variableValues ?? undefined,
          args.contextValue as GatewayContext,
        ),
      subscribe: (args: ExecutionArgs) => {
        const context = args.contextValue as GatewayContext;
        const connection = connectionsByContext.get(context);
        if (!connection) throw new Error("subscription outside an authenticated connection");
        return connection.subscribe({
          document: args.document,
          variables: args.variableValues ?? undefined,
          operationName: args.operationName ?? undefined,
          context,
        });
      },
    },
    wss,
  );
  return {
    async stop() {
      await server.dispose();
    },
  };
}
