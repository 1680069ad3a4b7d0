import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { expressMiddleware } from "@as-integrations/express5";
import { bearerToken, type TokenVerifier, type Viewer } from "@kai/auth";
import express from "express";
import type { DocumentNode } from "graphql";
import { authenticationGuard } from "./authentication-guard.ts";
import { formatError, logFailures } from "./errors.ts";
import { jsonErrors, unknownRoute } from "./http/index.ts";
import {
  limitRules,
  type OperationLimits,
  operationLimitsPlugin,
  tokenLimit,
} from "./limits/index.ts";
import type { Logger } from "./logger.ts";

export interface BaseContext {
  viewer: Viewer | null;
  log: Logger;
  requestId: string;
  /** The caller's User-Agent header (the gateway forwards the client's): names a session's device. */
  userAgent?: string;
  /**
   * The client's IP address, for per-requester rate limits: from `X-Forwarded-For` when the
   * request came through a proxy on a private network (the gateway), else the socket's.
   */
  clientAddress?: string;
  /**
   * The event a subscription payload is resolved from: the request extension `event` that the
   * gateway sends with each event it fans out. Untrusted until parsed. Only the resolvers the
   * runtime makes for `@event` fields read it (packages/runtime/src/event-subscriptions.ts);
   * the context is the one per-request value those resolvers receive, so the event rides here
   * rather than in a second channel. A subgraph's own code never needs it.
   */
  event?: unknown;
}

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** The subgraph's resolvers, typed where they are written by its generated `Resolvers`. */
  resolvers: Record<string, unknown>;
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
  verifier: TokenVerifier;
  log: Logger;
  /** Root fields a caller without a token may use, as "Mutation.login". Everything else needs one. */
  publicFields?: readonly string[];
  /** Production hides stack traces, internal messages and introspection. */
  production: boolean;
  /** The bounds every operation must keep; the same as the gateway's, so this port is no weaker. */
  limits: OperationLimits;
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: number;
  /** Recognises a failure caused by an unreachable dependency (reported as SERVICE_UNAVAILABLE). */
  isUnavailable?(error: unknown): boolean;
  /** Extends the base context with the subgraph's own (database, loaders …), once per request. */
  context(base: BaseContext): C;
  /** Throws when a dependency (database, NATS) is unreachable; backs `/ready`. */
  readiness(): Promise<void>;
  /** Extra HTTP routes, e.g. the users subgraph's JWKS. */
  routes?(app: express.Express): void;
  /** Apollo plugins beside the built-in ones (the runtime's metrics). */
  plugins?: ApolloServerPlugin<C>[];
}

export interface SubgraphServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Serves one subgraph: GraphQL at /graphql, /health, /ready; stops gracefully, draining requests. */
export async function startSubgraph<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
): Promise<SubgraphServer> {
  const app = express();
  // Subgraphs sit behind the gateway on a private network: trust the client address it
  // forwards from there, and only from there, so a caller elsewhere cannot choose its own.
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  const httpServer = createServer(app);
  const apollo = new ApolloServer<C>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      // Checked against the SDL by the subgraph's generated types; the builder only stores them.
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    formatError: formatError(options.production, options.isUnavailable),
    validationRules: limitRules(options.limits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Traces are for Apollo's hosted studio, which this deployment does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // No schema here gives cache hints and nothing caches responses; the default plugin
      // would still wrap every field resolution to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      operationLimitsPlugin(options.limits),
      authenticationGuard(options.publicFields ?? []),
      logFailures(),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: options.name });
  });
  app.get("/ready", async (_req, res) => {
    try {
      await options.readiness();
      res.json({ status: "ready", service: options.name });
    } catch (error) {
      res.status(503).json({ status: "unavailable", service: options.name, reason: String(error) });
    }
  });
  options.routes?.(app);
  app.use(
    "/graphql",
    express.json({ limit: options.maxRequestBytes }),
    tokenLimit(options.limits.tokens),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = req.header("x-request-id") ?? randomUUID();
        res.setHeader("x-request-id", requestId);
        const token = bearerToken(req.header("authorization"));
        const viewer = token ? await options.verifier.verify(token) : null;
        const log = options.log.child({ requestId, viewerId: viewer?.id });
        const event = (req.body as { extensions?: { event?: unknown } } | undefined)?.extensions
          ?.event;
        const userAgent = req.header("user-agent");
        return options.context({
          viewer,
          log,
          requestId,
          event,
          ...(userAgent && { userAgent }),
          ...(req.ip && { clientAddress: req.ip }),
        });
      },
    }),
  );

  app.use(unknownRoute, jsonErrors(options.log));

  const port = await listen(httpServer, options.port, options.host);
  options.log.info({ port }, `${options.name} subgraph ready`);
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => apollo.stop(),
  };
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
