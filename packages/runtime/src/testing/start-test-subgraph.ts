import { randomUUID } from "node:crypto";
import type { Role } from "@kai/auth";
import type { ServiceEnv } from "@kai/config";
import type { Db } from "@kai/db";
import { processedEvents } from "@kai/events";
import type { BaseContext } from "@kai/service";
import {
  createTestDatabases,
  type NatsServer,
  type RedisServer,
  startNatsServer,
  startRedisServer,
  startTestIssuer,
  type TestIssuer,
  waitFor,
} from "@kai/testkit";
import { and, eq } from "drizzle-orm";
import { GraphQLClient } from "graphql-request";
import {
  type Resources,
  type RunningSubgraph,
  type SubgraphDefinition,
  startSubgraphRuntime,
} from "../start-subgraph-runtime.ts";
import { connectTestEventBus, type TestEventBus } from "./test-event-bus.ts";

type RuntimeEnv = ServiceEnv & { PORT: number };

export interface TestSubgraphOptions<E extends RuntimeEnv> {
  /**
   * The subgraph's own env loader (e.g. `loadCapturesEnv`), so the test runs on settings
   * that passed the same validation production's do.
   */
  loadEnv(source: Record<string, string>): E;
  /**
   * Settings over the test defaults, which are PORT 0, HOST 127.0.0.1, LOG_LEVEL silent and
   * the URLs of the private servers started here (NATS_URL, JWKS_URL, REDIS_URL). Default none.
   */
  env?: Record<string, string>;
  /**
   * Starts a private redis-server for REDIS_URL. Default false: most subgraphs need no Redis,
   * and a test that shares one between two subgraphs passes its URL in `env` instead.
   */
  redis?: boolean;
  /** Replicas on the one database and NATS, as horizontal scaling runs them. Default 1. */
  replicas?: number;
  /** Sees every SQL statement any replica runs, e.g. to count a request's queries. */
  onQuery?(query: string): void;
}

export interface SignedIn {
  userId: string;
  /** Sends the user's access token with every request to the first replica. */
  client: GraphQLClient;
}

export interface TestSubgraph<S extends Record<string, unknown>, E extends RuntimeEnv> {
  /** The first replica; `subgraph.deps` holds its database and NATS connections. */
  subgraph: RunningSubgraph<S>;
  /** Every replica, the first included. */
  replicas: RunningSubgraph<S>[];
  /** The settings the subgraph runs with. */
  env: E;
  nats: NatsServer;
  /** The private redis-server when `redis: true` was asked for. */
  redis: RedisServer | undefined;
  /** Stands in for the users subgraph: signs the tokens the subgraph verifies. */
  issuer: TestIssuer;
  /** The test's own NATS connection, to publish and listen as the other subgraphs would. */
  events: TestEventBus;
  /** A client of the first replica, sending `token` as a bearer token; anonymous without one. */
  client(token?: string): GraphQLClient;
  /** A client whose requests carry a token the test issuer signed for the user. */
  clientFor(userId: string, role?: Role): Promise<GraphQLClient>;
  /** A new user (a fresh id) and a client signed in as them. */
  signIn(role?: Role): Promise<SignedIn>;
  /**
   * Resolves once the consumer `durable` has applied the event: its id is in processed_events,
   * committed in the one transaction with the effect. A consumer handles its messages in
   * order, so a later event applied proves every earlier message was handled: the marker a
   * test waits for instead of a count that a broken consumer would also reach.
   */
  processed(durable: string, eventId: string): Promise<void>;
  /** Stops the replicas, then removes the databases and stops the servers. */
  dispose(): Promise<void>;
}

/**
 * One subgraph alone, as production runs it but on private parts: a fresh Postgres database
 * (dropped again on dispose), a private nats-server, a private redis-server when asked for,
 * and a token issuer standing in for users. Every subgraph's tests start it this one way;
 * what only one subgraph needs (its operations, its outbox queries) sits beside that
 * subgraph's tests as a thin layer over this.
 */
export async function startTestSubgraph<
  S extends Record<string, unknown>,
  C extends BaseContext,
  R extends Resources,
  E extends RuntimeEnv,
>(
  define: (env: E) => SubgraphDefinition<S, C, R>,
  options: TestSubgraphOptions<E>,
): Promise<TestSubgraph<S, E>> {
  const disposers: (() => Promise<unknown>)[] = [];
  const dispose = () => disposeAll(disposers.splice(0).reverse());
  try {
    const [nats, issuer, redis] = await Promise.all([
      startNatsServer(),
      startTestIssuer(),
      options.redis ? startRedisServer() : undefined,
    ]);
    disposers.push(nats.dispose, issuer.dispose);
    if (redis) disposers.push(redis.dispose);
    const env = options.loadEnv({
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      NATS_URL: nats.url,
      JWKS_URL: issuer.jwksUrl,
      ...(redis && { REDIS_URL: redis.url }),
      ...options.env,
    });
    const definition = define(env);
    // Only names the database; each replica's runtime creates it on start.
    const databases = await createTestDatabases([definition.name]);
    disposers.push(databases.dispose);
    const databaseUrl = databases.urls[definition.name];

    const replicas: RunningSubgraph<S>[] = [];
    for (let replica = 0; replica < (options.replicas ?? 1); replica++) {
      const running = await startSubgraphRuntime(definition, {
        env,
        databaseUrl,
        onQuery: options.onQuery,
      });
      disposers.push(running.stop);
      replicas.push(running);
    }
    const events = await connectTestEventBus(nats.url);
    disposers.push(events.close);

    const [subgraph] = replicas;
    if (!subgraph) throw new RangeError("replicas must be at least 1");
    const client = (token?: string) =>
      new GraphQLClient(subgraph.url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    // processed_events is in every subgraph's schema, though not in S's type.
    const db = subgraph.deps.db as unknown as Db;
    const isProcessed = async (durable: string, eventId: string) => {
      const rows = await db
        .select({ eventId: processedEvents.eventId })
        .from(processedEvents)
        .where(and(eq(processedEvents.consumer, durable), eq(processedEvents.eventId, eventId)));
      return rows.length > 0 || undefined;
    };
    const clientFor = async (userId: string, role: Role = "USER") =>
      client(await issuer.token(userId, { role }));
    return {
      subgraph,
      replicas,
      env,
      nats,
      redis,
      issuer,
      events,
      client,
      clientFor,
      async signIn(role) {
        const userId = randomUUID();
        return { userId, client: await clientFor(userId, role) };
      },
      async processed(durable, eventId) {
        await waitFor(() => isProcessed(durable, eventId), {
          what: `${durable} to apply event ${eventId}`,
        });
      },
      dispose,
    };
  } catch (error) {
    await dispose().catch(() => {});
    throw error;
  }
}

/** Runs every disposer, in order, even after one fails; then reports the failures. */
async function disposeAll(disposers: (() => Promise<unknown>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const disposer of disposers) {
    await disposer().catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw new AggregateError(failures, "disposing the test subgraph failed");
}
