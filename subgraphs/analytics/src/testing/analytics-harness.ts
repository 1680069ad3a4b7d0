import type { Role } from "@kai/auth";
import { type EventEnvelope, processedEvents } from "@kai/events";
import { type RunningSubgraph, startSubgraphRuntime } from "@kai/runtime";
import { connectTestEventBus } from "@kai/runtime/testing";
import { createLogger } from "@kai/service";
import {
  createTestDatabases,
  type NatsServer,
  startNatsServer,
  startTestIssuer,
  waitFor,
} from "@kai/testkit";
import { and, eq } from "drizzle-orm";
import { GraphQLClient } from "graphql-request";
import { analyticsSubgraph } from "../app.ts";
import type { AnalyticsSchema } from "../db/tables.ts";
import { loadAnalyticsEnv } from "../env.ts";
import { analyticsConsumers } from "../events/consumers/index.ts";
import { rebuildDatabase } from "../rebuild/rebuild-database.ts";

export interface AnalyticsHarness {
  nats: NatsServer;
  /** The running subgraph (a new one after `rebuild`). */
  subgraph(): RunningSubgraph<AnalyticsSchema>;
  /** A client of the running subgraph signed in as a fresh user with the role; anonymous without. */
  client(role?: Role): Promise<GraphQLClient>;
  /** Publishes the event as its owner's relay would, and waits until analytics has applied it. */
  apply(event: EventEnvelope, msgID?: string): Promise<void>;
  /** Stops the subgraph, rebuilds its read model from the streams, and starts it again. */
  rebuild(): Promise<void>;
  dispose(): Promise<void>;
}

const durables = new Map(analyticsConsumers().map((spec) => [spec.type as string, spec.durable]));

/**
 * The analytics subgraph alone on a private nats-server and database, with the clock fixed at
 * `now`: the events a test publishes are the only ones it ever sees.
 */
export async function startAnalyticsHarness(now: Date): Promise<AnalyticsHarness> {
  const [nats, issuer, databases] = await Promise.all([
    startNatsServer(),
    startTestIssuer(),
    createTestDatabases(["analytics"]),
  ]);
  const env = loadAnalyticsEnv({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    NATS_URL: nats.url,
    JWKS_URL: issuer.jwksUrl,
  });
  const databaseUrl = databases.urls.analytics;
  const start = () =>
    startSubgraphRuntime(analyticsSubgraph({ now: () => now }), { env, databaseUrl });
  let running = await start();
  const events = await connectTestEventBus(nats.url);

  const isApplied = async (durable: string, eventId: string) => {
    const rows = await running.deps.db
      .select({ eventId: processedEvents.eventId })
      .from(processedEvents)
      .where(and(eq(processedEvents.consumer, durable), eq(processedEvents.eventId, eventId)));
    return rows.length > 0 || undefined;
  };

  return {
    nats,
    subgraph: () => running,
    async client(role) {
      const headers: Record<string, string> = role
        ? { authorization: `Bearer ${await issuer.token(crypto.randomUUID(), { role })}` }
        : {};
      return new GraphQLClient(running.url, { headers });
    },
    async apply(event, msgID) {
      const durable = durables.get(event.type);
      if (!durable) throw new Error(`analytics does not consume ${event.type}`);
      await events.publish(event, msgID);
      await waitFor(() => isApplied(durable, event.id), {
        what: `${durable} to apply ${event.id}`,
      });
    },
    async rebuild() {
      await running.stop();
      await rebuildDatabase({
        databaseUrl,
        pgliteDir: "",
        natsUrl: nats.url,
        log: createLogger("analytics-rebuild", "silent"),
      });
      running = await start();
    },
    async dispose() {
      await events.close();
      await running.stop();
      await Promise.all([nats.dispose(), issuer.dispose(), databases.dispose()]);
    },
  };
}
