import { randomUUID } from "node:crypto";
import { type RunningSubgraph, startSubgraphRuntime } from "@kai/runtime";
import {
  createTestDatabases,
  type NatsServer,
  startNatsServer,
  startTestIssuer,
  type TestDatabases,
  type TestIssuer,
} from "@kai/testkit";
import { count } from "drizzle-orm";
import { ClientError, GraphQLClient } from "graphql-request";
import { capturesSubgraph } from "../app.ts";
import { captures, outbox } from "../db/schema.ts";
import type { CapturesSchema } from "../db/tables.ts";
import { loadCapturesEnv } from "../env.ts";

export interface Harness {
  subgraph: RunningSubgraph<CapturesSchema>;
  nats: NatsServer;
  /** Every SQL statement the subgraph ran so far, in order. */
  statements: string[];
  /** A new user (or admin) with a client that sends their token. */
  signIn(role?: "USER" | "ADMIN"): Promise<{ userId: string; client: GraphQLClient }>;
  /** Rows in the captures and outbox tables, to prove a failed mutation wrote nothing. */
  rowCounts(): Promise<{ captures: number; outbox: number }>;
  stop(): Promise<void>;
}

/** The captures subgraph alone: a fresh database, a private nats-server and a test issuer. */
export async function startHarness(): Promise<Harness> {
  let nats: NatsServer | undefined;
  let databases: TestDatabases | undefined;
  let issuer: TestIssuer | undefined;
  let subgraph: RunningSubgraph<CapturesSchema> | undefined;
  const stop = async () => {
    await subgraph?.stop();
    await Promise.all([nats?.dispose(), databases?.dispose(), issuer?.dispose()]);
  };
  try {
    [nats, databases, issuer] = await Promise.all([
      startNatsServer(),
      createTestDatabases(["captures"]),
      startTestIssuer(),
    ]);
    const env = loadCapturesEnv({
      PORT: "0",
      HOST: "127.0.0.1",
      NATS_URL: nats.url,
      JWKS_URL: issuer.jwksUrl,
      LOG_LEVEL: "silent",
    });
    const statements: string[] = [];
    subgraph = await startSubgraphRuntime(capturesSubgraph(env), {
      env,
      databaseUrl: databases.urls.captures,
      onQuery: (query) => statements.push(query),
    });
    const { db } = subgraph.deps;
    const tokens = issuer;
    const url = subgraph.url;
    return {
      subgraph,
      nats,
      statements,
      async signIn(role = "USER") {
        const userId = randomUUID();
        const token = await tokens.token(userId, { role });
        return {
          userId,
          client: new GraphQLClient(url, { headers: { authorization: `Bearer ${token}` } }),
        };
      },
      async rowCounts() {
        const [[capturesRow], [outboxRow]] = await Promise.all([
          db.select({ n: count() }).from(captures),
          db.select({ n: count() }).from(outbox),
        ]);
        return { captures: capturesRow?.n ?? 0, outbox: outboxRow?.n ?? 0 };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The first GraphQL error a request failed with; throws when it succeeded. */
export async function failure(
  request: Promise<unknown>,
): Promise<{ code: unknown; message: string; field: unknown }> {
  try {
    await request;
  } catch (error) {
    const first = error instanceof ClientError ? error.response.errors?.[0] : undefined;
    if (!first) throw error;
    return { code: first.extensions?.code, message: first.message, field: first.extensions?.field };
  }
  throw new Error("expected the request to fail");
}
