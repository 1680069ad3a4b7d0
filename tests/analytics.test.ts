import { randomUUID } from "node:crypto";
import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger } from "@kai/service";
import { waitFor } from "@kai/testkit";
import { getIntrospectionQuery } from "graphql";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../gateway/src/app.ts";
import { loadGatewayEnv } from "../gateway/src/env.ts";
import { analyticsSubgraph } from "../subgraphs/analytics/src/app.ts";
import { loadAnalyticsEnv } from "../subgraphs/analytics/src/env.ts";
import { rebuildDatabase } from "../subgraphs/analytics/src/rebuild/rebuild-database.ts";
import { firstCode, postGraphql, send } from "./support/http.ts";
import {
  createCapture,
  errorCode,
  register,
  type Session,
  waitForProcessed,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

const PASSWORD = "correct horse battery";
const adminEmail = `admin-${randomUUID()}@example.com`;

const ANALYTICS = `query ($from: String!, $to: String!, $tz: String) {
  analytics {
    kpis(from: $from, to: $to, timeZone: $tz) {
      activeUsers newUsers reviews capturesProcessed topicsCompleted aiCost
    }
    daily(from: $from, to: $to, timeZone: $tz) {
      date activeUsers newUsers reviews capturesProcessed topicsCompleted aiCost
    }
    retention(cohortWeeks: 1, timeZone: $tz) { users weeks { week activeUsers rate } }
    funnel(from: $from, to: $to, timeZone: $tz) {
      registered captured processed reviewed captures { created processed reviewed }
    }
  }
}`;

type Analytics = {
  analytics: { kpis: { reviews: number; topicsCompleted: number } } & Record<string, unknown>;
};

let stack: Stack;
let analyst: Session;
let ada: Session;

const localDay = (timeZone: string, offsetDays = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** Today and yesterday in the zone: the scripted day's numbers all fall on the last day. */
const twoDays = (tz: string) => ({ from: localDay(tz, -1), to: localDay(tz), tz });

const ask = async (variables: Record<string, unknown>) =>
  (await analyst.client.request<Analytics>(ANALYTICS, variables)).analytics;

const review = (session: Session, flashcardId: string) =>
  session.client.request(
    "mutation ($id: ID!) { reviewFlashcard(input: { flashcardId: $id, quality: 4 }) { id } }",
    { id: flashcardId },
  );

/** Signs up a user and makes them an analyst; their next token carries the role. */
async function signUpAnalyst(admin: Session): Promise<Session> {
  const eve = await register(stack, "Eve");
  await admin.client.request(
    "mutation ($id: ID!) { setUserRole(userId: $id, role: ANALYST) { id } }",
    {
      id: eve.userId,
    },
  );
  const { refreshToken } = await stack
    .client()
    .request<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      "mutation ($token: String!) { refreshToken(token: $token) { accessToken refreshToken } }",
      { token: eve.refreshToken },
    );
  return { ...eve, ...refreshToken, client: stack.client(refreshToken.accessToken) };
}

/**
 * The scripted day, through the gateway: five sign-ups (the admin and the analyst among them);
 * Ada captures twice, reviews two cards of her first capture and completes its topic; Bob
 * captures once and reviews nothing; Cyd only signs up.
 */
beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_EMAILS: adminEmail } });
  const { register: payload } = await stack.client().request<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(
    "mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }",
    { input: { email: adminEmail, password: PASSWORD, name: "Admin" } },
  );
  const admin = {
    userId: payload.user.id,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    client: stack.client(payload.accessToken),
  };
  analyst = await signUpAnalyst(admin);
  ada = await register(stack, "Ada");
  const bob = await register(stack, "Bob");
  await register(stack, "Cyd");

  const [first] = await Promise.all([
    waitForProcessed(ada, await createCapture(ada)),
    waitForProcessed(ada, await createCapture(ada)),
    waitForProcessed(bob, await createCapture(bob)),
  ]);
  const topic = first.topic;
  if (!topic || topic.flashcards.length < 2) throw new Error("Ada's capture made too few cards");
  await review(ada, topic.flashcards[0]?.id ?? "");
  await review(ada, topic.flashcards[1]?.id ?? "");
  await ada.client.request("mutation ($id: ID!) { completeTopic(topicId: $id) { id } }", {
    id: topic.id,
  });
});
afterAll(async () => {
  await stack?.stop();
});

const TODAY = {
  activeUsers: 2,
  newUsers: 5,
  reviews: 2,
  capturesProcessed: 3,
  topicsCompleted: 1,
  // The stack makes cards offline: no model call, nothing spent.
  aiCost: 0,
};

function expected(tz: string) {
  const { from, to } = twoDays(tz);
  return {
    kpis: TODAY,
    daily: [
      {
        date: from,
        activeUsers: 0,
        newUsers: 0,
        reviews: 0,
        capturesProcessed: 0,
        topicsCompleted: 0,
        aiCost: 0,
      },
      { date: to, ...TODAY },
    ],
    retention: [{ users: 5, weeks: [{ week: 0, activeUsers: 2, rate: 0.4 }] }],
    funnel: {
      registered: 5,
      captured: 2,
      processed: 2,
      reviewed: 1,
      captures: { created: 3, processed: 3, reviewed: 1 },
    },
  };
}

/** The read model follows the events a moment after the mutations: wait for the last of them. */
const settled = (tz: string) =>
  waitFor(
    async () => {
      const answer = await ask(twoDays(tz));
      return answer.kpis.topicsCompleted === 1 && answer.kpis.reviews >= 2 ? answer : undefined;
    },
    { timeoutMs: 15_000, what: "analytics to count the scripted day" },
  );

describe("analytics through the gateway", () => {
  it("counts a scripted day exactly, in UTC and in another zone", async () => {
    expect(await settled("UTC")).toEqual(expected("UTC"));
    expect(await ask(twoDays("Pacific/Kiritimati"))).toEqual(expected("Pacific/Kiritimati"));
  });

  it("is FORBIDDEN to plain users and needs a sign-in", async () => {
    const query = ANALYTICS;
    const variables = twoDays("UTC");
    expect(await errorCode(ada.client.request(query, variables))).toBe("FORBIDDEN");
    expect(await errorCode(stack.client().request(query, variables))).toBe("UNAUTHENTICATED");
  });

  it("refuses a range that ends before it starts", async () => {
    const { from, to } = twoDays("UTC");
    expect(await errorCode(ask({ from: to, to: from }))).toBe("BAD_USER_INPUT");
  });

  it("documents every analytics field and argument for GraphiQL", async () => {
    const { __schema } = await analyst.client.request<{
      __schema: {
        types: {
          name: string;
          description: string | null;
          fields:
            | { name: string; description: string | null; args: { description: string | null }[] }[]
            | null;
        }[];
      };
    }>(
      "{ __schema { types { name description fields { name description args { description } } } } }",
    );
    const ours = [
      "Analytics",
      "Kpis",
      "DailyKpis",
      "RetentionCohort",
      "RetentionWeek",
      "Funnel",
      "CaptureFunnel",
    ];
    const types = __schema.types.filter((type) => ours.includes(type.name));
    expect(types.map((type) => type.name).sort()).toEqual([...ours].sort());
    const undocumented = types.flatMap((type) => [
      ...(type.description ? [] : [type.name]),
      ...(type.fields ?? []).flatMap((field) =>
        field.description && field.args.every((arg) => arg.description)
          ? []
          : [`${type.name}.${field.name}`],
      ),
    ]);
    expect(undocumented).toEqual([]);
  });

  it("lets analysts, not plain users, explore a production gateway in GraphiQL", async () => {
    const routing = Object.fromEntries(
      Object.entries(stack.subgraphs).map(([name, { url }]) => [`${name.toUpperCase()}_URL`, url]),
    );
    const production = await startGateway(
      loadGatewayEnv({
        ...routing,
        NODE_ENV: "production",
        GRAPHIQL: "true",
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
        NATS_URL: stack.nats.url,
        REDIS_URL: stack.redis.url,
        JWKS_URL: new URL("/.well-known/jwks.json", stack.subgraphs.users.url).toString(),
      }),
    );
    try {
      const page = await send(production.url, { headers: { accept: "text/html" } });
      expect(page.contentType).toContain("html");
      const query = getIntrospectionQuery();
      const explored = await postGraphql(production.url, { query }, analyst.accessToken);
      expect(explored.body.errors).toBeUndefined();
      expect(JSON.stringify(explored.body.data)).toContain('"name":"Analytics"');
      expect(firstCode(await postGraphql(production.url, { query }, ada.accessToken))).toBe(
        "FORBIDDEN",
      );
    } finally {
      await production.stop();
    }
  });

  it("keeps the streams it replays for good", async () => {
    const nc = await connect({ servers: stack.nats.url });
    try {
      const jsm = await nc.jetstreamManager();
      for (const stream of ["USERS", "CAPTURES", "LEARNING"]) {
        expect((await jsm.streams.info(stream)).config.max_age).toBe(0);
      }
    } finally {
      await nc.drain();
    }
  });

  it("rebuilds the same numbers from the streams", async () => {
    const before = await settled("UTC");
    const { url } = stack.subgraphs.analytics;
    await stack.subgraphs.analytics.stop();
    const { facts } = await rebuildDatabase({
      databaseUrl: stack.databases.analytics,
      pgliteDir: "",
      natsUrl: stack.nats.url,
      log: createLogger("analytics-rebuild", "silent"),
    });
    // Registrations are not facts: 3 captures, 3 processed, 2 reviews, 1 topic completed.
    expect(facts).toBe(9);
    // Back on the port the gateway routes to.
    const env = loadAnalyticsEnv({
      PORT: new URL(url).port,
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      NATS_URL: stack.nats.url,
      JWKS_URL: new URL("/.well-known/jwks.json", stack.subgraphs.users.url).toString(),
    });
    stack.subgraphs.analytics = await startSubgraphRuntime(analyticsSubgraph(), {
      env,
      databaseUrl: stack.databases.analytics,
    });
    expect(await ask(twoDays("UTC"))).toEqual(before);
  });
});
