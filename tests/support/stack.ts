import { generateKeyPairSync } from "node:crypto";
import type { RunningSubgraph } from "@kai/runtime";
import { startSubgraphRuntime } from "@kai/runtime";
import {
  createTestDatabases,
  type NatsServer,
  type RedisServer,
  startNatsServer,
  startRedisServer,
} from "@kai/testkit";
import type { GraphQLClient } from "graphql-request";
import { type RunningGateway, startGateway } from "../../gateway/src/app.ts";
import { loadGatewayEnv } from "../../gateway/src/env.ts";
import { analyticsSubgraph } from "../../subgraphs/analytics/src/app.ts";
import { loadAnalyticsEnv } from "../../subgraphs/analytics/src/env.ts";
import { capturesSubgraph } from "../../subgraphs/captures/src/app.ts";
import { loadCapturesEnv } from "../../subgraphs/captures/src/env.ts";
import { learningSubgraph } from "../../subgraphs/learning/src/app.ts";
import { loadLearningEnv } from "../../subgraphs/learning/src/env.ts";
import { notificationsSubgraph } from "../../subgraphs/notifications/src/app.ts";
import { loadNotificationsEnv } from "../../subgraphs/notifications/src/env.ts";
import { progressSubgraph } from "../../subgraphs/progress/src/app.ts";
import { loadProgressEnv } from "../../subgraphs/progress/src/env.ts";
import { usersSubgraph } from "../../subgraphs/users/src/app.ts";
import { loadUsersEnv } from "../../subgraphs/users/src/env.ts";
import { gatewayAt } from "./operations.ts";

const SUBGRAPHS = [
  "users",
  "captures",
  "learning",
  "progress",
  "notifications",
  "analytics",
] as const;
type SubgraphName = (typeof SUBGRAPHS)[number];

/** What tests need of a running subgraph: where it listens, and how to stop it. */
type StackSubgraph = Pick<RunningSubgraph<Record<string, never>>, "url" | "stop">;

export interface Stack {
  /** The first gateway; `gateways` holds every replica. */
  gateway: RunningGateway;
  gateways: RunningGateway[];
  subgraphs: Record<SubgraphName, StackSubgraph>;
  nats: NatsServer;
  redis: RedisServer;
  /** Each subgraph's database URL, for tests that audit rows (support/psql.ts). */
  databases: Record<SubgraphName, string>;
  /** SQL statements run so far, per subgraph; tests compare before and after. */
  statements: Record<SubgraphName, number>;
  /** A client of the gateway, signed in when given a token. */
  client(token?: string): GraphQLClient;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Settings for every service, over the test defaults (e.g. ACCESS_TOKEN_TTL_SECONDS). */
  env?: Record<string, string>;
  /** Gateway replicas in front of the same subgraphs. Default 1. */
  gateways?: number;
}

/**
 * The whole supergraph in this process: six subgraphs on fresh Postgres databases, a
 * private nats-server and redis-server, and the gateway in front — real parts throughout.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [nats, redis, databases] = await Promise.all([
    startNatsServer(),
    startRedisServer(),
    createTestDatabases(SUBGRAPHS),
  ]);
  const statements = {
    users: 0,
    captures: 0,
    learning: 0,
    progress: 0,
    notifications: 0,
    analytics: 0,
  };
  // The outbox and mail relays poll on their own schedule; only statements serving requests count.
  const countUnlessBackground = (name: SubgraphName, query: string) => {
    if (!/"(outbox|mail_outbox|processed_events)"/.test(query)) statements[name]++;
  };
  const common = {
    PORT: "0",
    HOST: "127.0.0.1",
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    DUE_SCAN_INTERVAL_SECONDS: "0.2",
    ...options.env,
  };
  const run = (
    name: SubgraphName,
    start: (options: {
      databaseUrl: string;
      onQuery: (query: string) => void;
    }) => Promise<StackSubgraph>,
  ) =>
    start({
      databaseUrl: databases.urls[name] as string,
      onQuery: (query) => countUnlessBackground(name, query),
    });

  const users = await run("users", (options) => {
    const env = loadUsersEnv(common);
    return startSubgraphRuntime(usersSubgraph(env), { env, ...options });
  });
  const jwks = { JWKS_URL: new URL("/.well-known/jwks.json", users.url).toString() };
  const [captures, learning, progress, notifications, analytics] = await Promise.all([
    run("captures", (options) => {
      const env = loadCapturesEnv({ ...common, ...jwks });
      return startSubgraphRuntime(capturesSubgraph(env), { env, ...options });
    }),
    run("learning", (options) => {
      const env = loadLearningEnv({ ...common, ...jwks });
      return startSubgraphRuntime(learningSubgraph(env), { env, ...options });
    }),
    run("progress", (options) => {
      const env = loadProgressEnv({ ...common, ...jwks });
      return startSubgraphRuntime(progressSubgraph(env), { env, ...options });
    }),
    run("notifications", (options) => {
      const env = loadNotificationsEnv({
        ...common,
        ...jwks,
        ...testVapidKeys(),
        // Production requires a secret for its unsubscribe links.
        UNSUBSCRIBE_SECRET: "kai-test-stack-unsubscribe-secret-0123456789",
      });
      return startSubgraphRuntime(notificationsSubgraph(env), { env, ...options });
    }),
    run("analytics", (options) => {
      const env = loadAnalyticsEnv({ ...common, ...jwks });
      return startSubgraphRuntime(analyticsSubgraph(), { env, ...options });
    }),
  ]);
  const subgraphs = { users, captures, learning, progress, notifications, analytics };
  const gatewayEnv = loadGatewayEnv({
    ...common,
    ...jwks,
    USERS_URL: users.url,
    CAPTURES_URL: captures.url,
    LEARNING_URL: learning.url,
    PROGRESS_URL: progress.url,
    NOTIFICATIONS_URL: notifications.url,
    ANALYTICS_URL: analytics.url,
  });
  const gateways = await Promise.all(
    Array.from({ length: options.gateways ?? 1 }, () => startGateway(gatewayEnv)),
  );
  const gateway = gateways[0]!;

  return {
    gateway,
    gateways,
    subgraphs,
    nats,
    redis,
    databases: databases.urls as Record<SubgraphName, string>,
    statements,
    client: gatewayAt(gateway.url).client,
    async stop() {
      await Promise.all(gateways.map((replica) => replica.stop()));
      await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
      await Promise.all([nats.dispose(), redis.dispose(), databases.dispose()]);
    },
  };
}

/**
 * A VAPID key pair for notifications: production requires one, and every stack gets its own
 * (an uncompressed P-256 point and its 32-byte scalar, base64url, as @kai/push reads them).
 */
function testVapidKeys(): Record<string, string> {
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
    format: "jwk",
  });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x ?? "", "base64url"),
    Buffer.from(jwk.y ?? "", "base64url"),
  ]);
  return {
    VAPID_PUBLIC_KEY: point.toString("base64url"),
    VAPID_PRIVATE_KEY: jwk.d ?? "",
    VAPID_SUBJECT: "mailto:tests@kai.test",
  };
}
