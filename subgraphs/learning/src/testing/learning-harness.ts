import { type EventEnvelope, type EventType, subjectOf } from "@kai/events";
import { type RunningSubgraph, startSubgraphRuntime } from "@kai/runtime";
import { createTestDatabases, startNatsServer, startTestIssuer } from "@kai/testkit";
import { GraphQLClient } from "graphql-request";
import { connect, type NatsConnection } from "nats";
import { learningSubgraph } from "../app.ts";
import type { LearningSchema } from "../db/tables.ts";
import { loadLearningEnv } from "../env.ts";

/** Tables the runtime itself polls; statements on them are not the request's cost. */
const RUNTIME_TABLES = /"(outbox|processed_events)"/;

export interface LearningHarness {
  learning: RunningSubgraph<LearningSchema>;
  /** Every replica started (the first is `learning`), all on one database and one NATS. */
  replicas: RunningSubgraph<LearningSchema>[];
  /** A client of the learning subgraph whose requests carry a real token for the user. */
  clientFor(userId: string, role?: "USER" | "ADMIN"): Promise<GraphQLClient>;
  /** Collects every event of that type for the user from now on, as NATS delivers them. */
  listen<T extends EventType>(type: T, userId: string): Promise<EventEnvelope<T>[]>;
  /** Publishes an event to JetStream as another subgraph's relay would. */
  publish(event: EventEnvelope, msgID?: string): Promise<void>;
  /** Counts the SQL statements (besides the runtime's own bookkeeping) that `run` causes. */
  countStatements(run: () => Promise<unknown>): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * The learning subgraph alone, as it runs in production: its own Postgres database, a private
 * NATS, and tokens from a stand-in issuer.
 */
export async function startLearningHarness(
  /** Settings over the test defaults, e.g. GEMINI_API_KEY and GEMINI_BASE_URL. */
  overrides: Record<string, string> = {},
  { replicas = 1 }: { replicas?: number } = {},
): Promise<LearningHarness> {
  const disposers: (() => Promise<unknown>)[] = [];
  const dispose = async () => {
    for (const disposer of disposers.reverse()) await disposer();
  };
  try {
    const [nats, databases, issuer] = await Promise.all([
      startNatsServer(),
      createTestDatabases(["learning"]),
      startTestIssuer(),
    ]);
    disposers.push(nats.dispose, databases.dispose, issuer.dispose);
    const env = loadLearningEnv({
      PORT: "0",
      NATS_URL: nats.url,
      JWKS_URL: issuer.jwksUrl,
      LOG_LEVEL: "silent",
      ...overrides,
    });
    let statements = 0;
    const started: RunningSubgraph<LearningSchema>[] = [];
    for (let replica = 0; replica < replicas; replica++) {
      const running = await startSubgraphRuntime(learningSubgraph(env), {
        env,
        databaseUrl: databases.urls.learning,
        onQuery: (query) => {
          if (!RUNTIME_TABLES.test(query)) statements++;
        },
      });
      disposers.push(running.stop);
      started.push(running);
    }
    const learning = started[0]!;
    const nc: NatsConnection = await connect({ servers: nats.url });
    disposers.push(() => nc.drain());

    return {
      learning,
      replicas: started,
      async clientFor(userId, role = "USER") {
        const token = await issuer.token(userId, { role });
        return new GraphQLClient(learning.url, { headers: { authorization: `Bearer ${token}` } });
      },
      async listen(type, userId) {
        const received: EventEnvelope<typeof type>[] = [];
        const subscription = nc.subscribe(subjectOf(type, userId));
        (async () => {
          for await (const message of subscription) received.push(message.json());
        })();
        await nc.flush();
        return received;
      },
      async publish(event, msgID = event.id) {
        await nc.jetstream().publish(subjectOf(event.type, event.userId), JSON.stringify(event), {
          msgID,
        });
      },
      async countStatements(run) {
        const before = statements;
        await run();
        return statements - before;
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
