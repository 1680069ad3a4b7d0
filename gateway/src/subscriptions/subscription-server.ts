import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { bearerToken, type TokenVerifier, type Viewer } from "@kai/auth";
import { rateLimited } from "@kai/errors";
import type { Logger } from "@kai/service";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  print,
  specifiedRules,
  type ValidationRule,
  validate,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";
import type { GatewayContext } from "../context.ts";
import type { EventExecutor } from "./event-executor.ts";
import { EventSubscription } from "./event-subscription.ts";
import type { EventFields } from "./event-supergraph.ts";
import { SharedExecutions } from "./shared-executions.ts";
import type { UserEvents } from "./user-events.ts";

export interface SubscriptionLimits {
  /** Live subscriptions one socket may hold. */
  perConnection: number;
  /** Live subscriptions this replica holds across all sockets. */
  total: number;
}

export interface SubscriptionServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  verifier: TokenVerifier;
  events: UserEvents;
  executor: EventExecutor;
  fields: EventFields;
  /** Runs queries and mutations sent over the socket, as over HTTP. */
  execute(
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    context: GatewayContext,
  ): Promise<ExecutionResult>;
  limits: SubscriptionLimits;
  /** The rules bounding an operation's shape (depth, aliases, directives), as over HTTP. */
  validationRules: readonly ValidationRule[];
  log: Logger;
}

interface Connection {
  viewer: Viewer;
  token: string;
  /** Replays events after this instant before live ones (connectionParams.lastEventAt). */
  since: Date | undefined;
  subscriptions: number;
  expiry: NodeJS.Timeout;
}

interface SocketContext extends GatewayContext {
  connection: Connection;
}

export interface SubscriptionServer {
  stats(): { connections: number; subscriptions: number; subjects: number };
  stop(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** graphql-ws on the gateway's HTTP server and /graphql path: subscriptions, plus queries and mutations. */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { events, executor, fields, limits, log } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: "/graphql" });
  const connections = new Map<WebSocket, Connection>();
  let total = 0;
  const executions = new SharedExecutions<ExecutionResult>();

  const connectionOf = (socket: WebSocket): Connection => {
    const connection = connections.get(socket);
    if (!connection) throw new Error("socket has no authenticated connection");
    return connection;
  };

  const disposable = useServer<Record<string, unknown> | undefined, { socket: WebSocket }>(
    {
      schema: options.schema,
      validate: (schema, document) =>
        validate(schema, document, [...specifiedRules, ...options.validationRules]),
      onConnect: async ({ connectionParams, extra: { socket } }) => {
        const token = tokenOf(connectionParams);
        const viewer = token
          ? await options.verifier.verify(token).catch(() => undefined)
          : undefined;
        if (!token || !viewer) {
          socket.close(
            CloseCode.Unauthorized,
            "Unauthorized: send a valid access token in connectionParams",
          );
          return false;
        }
        const since = sinceOf(connectionParams);
        const lifetime = Math.min(viewer.expiresAt.getTime() - Date.now(), MAX_TIMER_MS);
        const expiry = setTimeout(
          () => socket.close(CloseCode.Unauthorized, "Unauthorized: access token expired"),
          lifetime,
        );
        connections.set(socket, { viewer, token, since, subscriptions: 0, expiry });
        return true;
      },
      onClose: ({ extra: { socket } }) => {
        clearTimeout(connections.get(socket)?.expiry);
        connections.delete(socket);
      },
      context: ({ extra: { socket } }) => {
        const connection = connectionOf(socket);
        const requestId = randomUUID();
        return {
          viewer: connection.viewer,
          token: connection.token,
          requestId,
          log: log.child({ requestId, viewerId: connection.viewer.id }),
          connection,
          persistedDocument: false,
        } satisfies SocketContext;
      },
      execute: (args: ExecutionArgs) =>
        options.execute(
          args.document,
          args.variableValues ?? undefined,
          args.contextValue as GatewayContext,
        ),
      subscribe: (args: ExecutionArgs) => {
        const { connection, ...context } = args.contextValue as SocketContext;
        const field = rootField(args.document, args.operationName ?? undefined);
        const eventType = field ? fields.get(field) : undefined;
        if (!eventType) throw new Error(`No event feeds subscription field ${field}`);
        // Checked here, where the count is taken, not in onSubscribe: a burst of subscribe
        // messages would all pass a check made before any of them is counted.
        if (connection.subscriptions >= limits.perConnection) {
          return {
            errors: [
              rateLimited(`At most ${limits.perConnection} subscriptions per connection`, 1),
            ],
          };
        }
        if (total >= limits.total) {
          return {
            errors: [rateLimited("This server is at its subscription limit; try again soon", 5)],
          };
        }
        connection.subscriptions++;
        total++;
        let stopListening = () => {};
        // Events are per user, so the event id and the operation say everything the result depends on.
        const operationKey = `${print(args.document)}|${JSON.stringify(args.variableValues ?? {})}`;
        const subscription = new EventSubscription(
          (event) =>
            executions.run(`${event.id}|${operationKey}`, () =>
              executor.execute(args.document, args.variableValues ?? undefined, {
                ...context,
                event,
              }),
            ),
          () => {
            stopListening();
            connection.subscriptions--;
            total--;
          },
        );
        stopListening = events.listen(eventType, connection.viewer.id, (event) =>
          subscription.push(event),
        );
        if (connection.since)
          subscription.prepend(events.replay(eventType, connection.viewer.id, connection.since));
        return subscription;
      },
    },
    wss,
  );

  return {
    stats: () => ({
      connections: connections.size,
      subscriptions: total,
      subjects: events.subjectCount,
    }),
    async stop() {
      await disposable.dispose();
    },
  };
}

function tokenOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof value !== "string") return undefined;
  return bearerToken(value) ?? value;
}

function sinceOf(params: Record<string, unknown> | undefined): Date | undefined {
  const value = params?.lastEventAt;
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function rootField(document: DocumentNode, operationName: string | undefined): string | undefined {
  const selection = getOperationAST(document, operationName)?.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection.name.value : undefined;
}
