import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { createTokenVerifier, openRevocations, PUBLIC_ROOT_FIELDS } from "@kai/auth";
import { connectNats } from "@kai/events";
import {
  authenticationGuard,
  createLogger,
  formatError,
  jsonErrors,
  limitRules,
  listen,
  logFailures,
  operationLimitsFrom,
  operationLimitsPlugin,
  tokenLimit,
  unknownRoute,
} from "@kai/service";
import {
  flushTraces,
  operationMetricsPlugin,
  serveMetrics,
  subscriptionsOpen,
} from "@kai/telemetry";
import express from "express";
import { createContext, type GatewayContext } from "./context.ts";
import { type GatewayEnv, subgraphUrl } from "./env.ts";
import { serveGraphiql } from "./graphiql/routes.ts";
import { browserPolicy } from "./http/browser-policy.ts";
import { introspectionAudience, introspectionPolicy } from "./introspection-policy.ts";
import {
  loadPersistedDocuments,
  onlyPersistedDocuments,
  resolveDocumentId,
} from "./persisted-documents/index.ts";
import { subgraphReadiness } from "./readiness.ts";
import { SubgraphSource } from "./subgraph-source.ts";
import {
  refuseSubscriptionsOverHttp,
  type SubscriptionServer,
  startSubscriptions,
  toExecutionResult,
} from "./subscriptions/index.ts";

// @apollo/gateway otherwise reports usage metrics to Apollo's servers; Kai sends data nowhere.
process.env.APOLLO_TELEMETRY_DISABLED ??= "true";

const SUPERGRAPH = new URL("../../schema/supergraph.graphql", import.meta.url);

export interface RunningGateway {
  url: string;
  port: number;
  subscriptions: SubscriptionServer;
  stop(): Promise<void>;
}

export async function startGateway(env: GatewayEnv): Promise<RunningGateway> {
  const log = createLogger("gateway", env.LOG_LEVEL);
  const production = env.NODE_ENV === "production";
  const introspection = introspectionAudience(env.INTROSPECTION, production);
  const graphiql = env.GRAPHIQL ?? !production;
  const limits = operationLimitsFrom(env, { flattenFragments: false });
  const persistedDocuments = loadPersistedDocuments(env.PERSISTED_DOCUMENTS);
  const nats = await connectNats(env.NATS_URL, "kai-gateway", log, env.NATS_STREAM_REPLICAS);
  // Loaded before the first request, so no token revoked before this start is accepted.
  const revocations = await openRevocations(nats.nc, { log });
  const verifier = createTokenVerifier(new URL(env.JWKS_URL), revocations);
  const supergraphSdl = readFileSync(SUPERGRAPH, "utf8");
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => {
      const routed = subgraphUrl(env, name, url ?? "");
      subgraphUrls.set(name, routed);
      return new SubgraphSource({ url: routed });
    },
  });

  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: introspection !== "no one",
    includeStacktraceInErrorResponses: !production,
    formatError: formatError(production),
    validationRules: limitRules(limits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...(env.ONLY_PERSISTED_DOCUMENTS ? [onlyPersistedDocuments()] : []),
      operationLimitsPlugin(limits),
      introspectionPolicy(introspection),
      authenticationGuard(PUBLIC_ROOT_FIELDS),
      refuseSubscriptionsOverHttp(),
      logFailures(),
      operationMetricsPlugin("gateway"),
    ],
  });
  await apollo.start();

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: "gateway" });
  });
  app.get("/metrics", serveMetrics);
  app.get("/ready", async (_req, res) => {
    const { ready, subgraphs } = await subgraphReadiness(subgraphUrls);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? "ready" : "unavailable", service: "gateway", subgraphs });
  });
  app.use(browserPolicy(env.CORS_ORIGINS, production));
  if (graphiql) serveGraphiql(app);
  app.use(
    "/graphql",
    express.json({ limit: env.MAX_REQUEST_BYTES }),
    tokenLimit(limits.tokens),
    resolveDocumentId(persistedDocuments),
    expressMiddleware(apollo, {
      context: ({ req, res }) => {
        const requestId = req.header("x-request-id") ?? randomUUID();
        res.setHeader("x-request-id", requestId);
        return createContext(
          verifier,
          log,
          requestId,
          req.header("authorization"),
          res.locals.persistedDocument === true,
          req.ip,
        );
      },
    }),
  );
  app.use(unknownRoute, jsonErrors(log));

  const subscriptions = await startSubscriptions({
    httpServer,
    schema: gateway.schema!,
    supergraphSdl,
    env,
    verifier,
    revocations,
    nats,
    limits: { perConnection: env.MAX_SUBSCRIPTIONS_PER_CONNECTION, total: env.MAX_SUBSCRIPTIONS },
    validationRules: limitRules(limits),
    execute: async (query, variables, contextValue) =>
      toExecutionResult(await apollo.executeOperation({ query, variables }, { contextValue })),
    log,
  });

  const stopSampling = subscriptionsOpen.sample((gauge) =>
    gauge.set({ service: "gateway" }, subscriptions.stats().subscriptions),
  );

  const port = await listen(httpServer, env.PORT, env.HOST);
  log.info({ port }, `gateway ready at http://localhost:${port}/graphql`);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    subscriptions,
    async stop() {
      stopSampling();
      await subscriptions.stop();
      await apollo.stop();
      await revocations.stop();
      await nats.nc.drain();
      await flushTraces();
    },
  };
}
