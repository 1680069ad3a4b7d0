import { join } from "node:path";
import {
  type AccessTokenRevocations,
  createTokenVerifier,
  openRevocations,
  type VerificationKeys,
} from "@kai/auth";
import { databaseUrlFor, type ServiceEnv, type SubgraphName } from "@kai/config";
import { type Db, isDatabaseUnavailable, openDatabase, type Tx } from "@kai/db";
import {
  type Consumer,
  connectNats,
  deleteUnsentEvents,
  type EventEnvelope,
  type EventType,
  erasedUsers,
  isErasedUser,
  type NatsConnections,
  purgeUserEvents,
  startConsumer,
  startOutboxRelay,
} from "@kai/events";
import {
  type BaseContext,
  createLogger,
  type Logger,
  operationLimitsFrom,
  startSubgraph,
} from "@kai/service";
import { flushTraces, operationMetricsPlugin, serveMetrics } from "@kai/telemetry";
import type express from "express";
import type { DocumentNode } from "graphql";
import { withEventSubscriptions } from "./event-subscriptions.ts";

/** What a running subgraph hands its resolvers, consumers and background tasks. */
export interface RuntimeDeps<S extends Record<string, unknown>> {
  db: Db<S>;
  nats: NatsConnections;
  log: Logger;
  /** Every verifier's revocations; `revoke` voids a user's access tokens everywhere at once. */
  revocations: AccessTokenRevocations;
}

export interface ConsumerSpec<
  S extends Record<string, unknown>,
  T extends EventType = EventType,
  P = unknown,
> {
  durable: string;
  type: T;
  /**
   * Slow work done before the effect's transaction opens (a language model call), so no
   * connection or lock waits on it; its result is handed to `handle`. See ConsumerOptions.
   */
  prepare?(event: EventEnvelope<T>): Promise<P>;
  /**
   * A `users.user_deleted` consumer calls markUserErased first. The runtime then drops the
   * user's unsent events in the same transaction and, before the ack, purges what the subgraph
   * published of them from its stream (deleteUnsentEvents, purgeUserEvents).
   */
  handle(tx: Tx<S>, event: EventEnvelope<T>, prepared: P): Promise<void>;
  /** When the event is parked after failing every delivery; see ConsumerOptions.onGiveUp. */
  onGiveUp?(tx: Tx<S>, event: EventEnvelope<T>, reason: string): Promise<void>;
  /** After the effect commits, e.g. to refresh a Redis cache from the committed rows. */
  afterCommit?(event: EventEnvelope<T>): Promise<void>;
}

/** Anything a subgraph runs beside its API (schedulers); stopped before the connections close. */
export interface BackgroundTask {
  stop(): Promise<void>;
}

/** Long-lived things a subgraph makes once per process (a Redis client, model clients). */
export interface Resources {
  /** Releases them when the subgraph stops, after its consumers and tasks have finished. */
  close?(): Promise<void>;
}

export interface SubgraphDefinition<
  S extends Record<string, unknown>,
  C extends BaseContext,
  R extends Resources = Resources,
> {
  name: SubgraphName;
  /** drizzle tables (including `outbox` and `processed_events`). */
  schema: S;
  /** Absolute path of the subgraph's drizzle-kit migrations. */
  migrationsFolder: string;
  typeDefs: DocumentNode;
  /** Typed by the subgraph's generated `Resolvers` (scripts/codegen.ts). */
  resolvers: Record<string, unknown>;
  publicFields?: readonly string[];
  /** Makes the subgraph's resources once the database is open; the hooks below receive them. */
  setup?(deps: RuntimeDeps<S>): Promise<R>;
  context(deps: RuntimeDeps<S> & R, base: BaseContext): C;
  consumers?(deps: RuntimeDeps<S> & R): ConsumerSpec<S>[];
  background?(deps: RuntimeDeps<S> & R): Promise<BackgroundTask[]>;
  routes?(app: express.Express, deps: RuntimeDeps<S> & R): void;
  /**
   * The keys access tokens are verified with; by default the JWKS at `JWKS_URL`. Revocations
   * apply whatever the keys, so no subgraph can forget them.
   */
  verificationKeys?(deps: RuntimeDeps<S> & R): VerificationKeys;
}

export interface RuntimeOptions {
  env: ServiceEnv & { PORT: number };
  /** The subgraph's Postgres URL; by default from DATABASE_URL (see databaseUrlFor), else embedded PGlite. */
  databaseUrl?: string;
  /** Sees every SQL statement (tests count them). */
  onQuery?: (query: string) => void;
}

export interface RunningSubgraph<S extends Record<string, unknown>> {
  url: string;
  port: number;
  deps: RuntimeDeps<S>;
  stop(): Promise<void>;
}

/**
 * Starts a subgraph the one way every Kai subgraph starts: database (migrated), NATS and
 * streams, outbox relay, durable consumers, background tasks, then the HTTP API. `stop` undoes
 * it in reverse: no new requests, in-flight work finished, NATS drained, pool closed.
 */
export async function startSubgraphRuntime<
  S extends Record<string, unknown>,
  C extends BaseContext,
  R extends Resources = Resources,
>(definition: SubgraphDefinition<S, C, R>, options: RuntimeOptions): Promise<RunningSubgraph<S>> {
  const { env } = options;
  const log = createLogger(definition.name, env.LOG_LEVEL);
  const database = await openDatabase({
    url: options.databaseUrl ?? databaseUrlFor(definition.name),
    pgliteDir: join(env.DATA_DIR, definition.name),
    migrationsFolder: definition.migrationsFolder,
    schema: definition.schema,
    onQuery: options.onQuery,
  });
  const nats = await connectNats(
    env.NATS_URL,
    `kai-${definition.name}`,
    log,
    env.NATS_STREAM_REPLICAS,
  );
  const relay = startOutboxRelay({
    db: database.db as unknown as Db,
    js: nats.js,
    log,
    service: definition.name,
  });
  // Loaded before anything is served, so no token revoked before this start is accepted.
  const revocations = await openRevocations(nats.nc, { log });
  const runtime: RuntimeDeps<S> = { db: database.db, nats, log, revocations };
  // Only definitions with resources of their own declare R beyond the optional `close`.
  const resources = definition.setup ? await definition.setup(runtime) : ({} as R);
  const deps = { ...runtime, ...resources };

  const consumers: Consumer[] = [];
  const specs = definition.consumers?.(deps) ?? [];
  if (specs.length > 0 && !Object.values(definition.schema).includes(erasedUsers)) {
    throw new Error(`${definition.name} has consumers, so its schema must include erasedUsers`);
  }
  for (const spec of specs) {
    const onGiveUp = spec.onGiveUp?.bind(spec);
    const erasesUser = spec.type === "users.user_deleted";
    consumers.push(
      await startConsumer<EventType, unknown>({
        durable: spec.durable,
        type: spec.type,
        db: database.db as unknown as Db,
        js: nats.js,
        jsm: nats.jsm,
        log,
        ackWaitMs: env.EVENTS_ACK_WAIT_MS,
        prepare: spec.prepare?.bind(spec),
        handle: async (tx, event, prepared) => {
          await spec.handle(tx as unknown as Tx<S>, event, prepared);
          if (erasesUser) await deleteUnsentEvents(tx, event.userId);
        },
        // An erased user's event would bring their rows (or a model call's ledger row) back;
        // of theirs, only the erasure itself applies.
        skip: async (dbOrTx, event) =>
          event.type !== "users.user_deleted" && (await isErasedUser(dbOrTx, event.userId)),
        onGiveUp:
          onGiveUp && ((tx, event, reason) => onGiveUp(tx as unknown as Tx<S>, event, reason)),
        afterCommit: spec.afterCommit?.bind(spec),
        // What the subgraph published of a deleted user goes with their rows, the same way in
        // every subgraph; the deletion is acknowledged only once the stream has forgotten them.
        beforeAck: erasesUser
          ? async (event) => {
              const purged = await purgeUserEvents(nats.jsm, definition.name, event.userId);
              log.info({ userId: event.userId, purged }, "purged a deleted user's events");
            }
          : undefined,
      }),
    );
  }
  const background = (await definition.background?.(deps)) ?? [];
  const verifier = createTokenVerifier(
    definition.verificationKeys?.(deps) ?? new URL(env.JWKS_URL),
    revocations,
  );

  const server = await startSubgraph<C>({
    name: definition.name,
    typeDefs: definition.typeDefs,
    resolvers: withEventSubscriptions(definition.typeDefs, definition.resolvers),
    port: env.PORT,
    host: env.HOST,
    verifier,
    log,
    publicFields: definition.publicFields,
    production: env.NODE_ENV === "production",
    // The gateway wraps each entity fetch in `_entities { ... on T }`, a level the client never
    // wrote; flattening fragments keeps a subgraph's depth equal to the client's.
    limits: operationLimitsFrom(env, { flattenFragments: true }),
    maxRequestBytes: env.MAX_REQUEST_BYTES,
    isUnavailable: isDatabaseUnavailable,
    context: (base) => definition.context(deps, base),
    // Both at once, each with its own deadline (the ping's is in @kai/db): /ready answers
    // within about 2 s even when the database and NATS are both away.
    readiness: async () => {
      await Promise.all([
        database.ping(),
        withTimeout(nats.nc.flush(), 2_000, "NATS did not answer"),
      ]);
    },
    plugins: [operationMetricsPlugin(definition.name)],
    routes: (app) => {
      app.get("/metrics", serveMetrics);
      definition.routes?.(app, deps);
    },
  });

  return {
    url: server.url,
    port: server.port,
    deps: runtime,
    async stop() {
      await server.stop();
      await Promise.all(background.map((task) => task.stop()));
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay.stop();
      await resources.close?.();
      await revocations.stop();
      await nats.nc.drain();
      await database.close();
      await flushTraces();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
