import { type RunningSubgraph, startSubgraphRuntime } from "@kai/runtime";
import {
  createTestDatabases,
  type NatsServer,
  type RedisServer,
  startNatsServer,
  startRedisServer,
  type TestDatabases,
} from "@kai/testkit";
import { type ClientError, GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usersSubgraph } from "./app.ts";
import type { UsersSchema } from "./db/tables.ts";
import { loadUsersEnv } from "./env.ts";

let nats: NatsServer;
let redis: RedisServer;
let databases: TestDatabases;
let users: RunningSubgraph<UsersSchema>;

beforeAll(async () => {
  [nats, redis, databases] = await Promise.all([
    startNatsServer(),
    startRedisServer(),
    createTestDatabases(["users"]),
  ]);
  const env = loadUsersEnv({
    PORT: "0",
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: "silent",
  });
  users = await startSubgraphRuntime(usersSubgraph(env), {
    env,
    databaseUrl: databases.urls.users,
  });
});

afterAll(async () => {
  await users?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose(), databases?.dispose()]);
});

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken expiresIn user { id email name } }
  }
`;

describe("users subgraph", () => {
  it("registers and answers me with the issued token", async () => {
    const client = new GraphQLClient(users.url);
    const { register } = await client.request<{
      register: { accessToken: string; user: { id: string } };
    }>(REGISTER, { input: { email: "Ada@Example.com", password: "correct horse", name: "Ada" } });
    const authed = new GraphQLClient(users.url, {
      headers: { authorization: `Bearer ${register.accessToken}` },
    });
    const { me } = await authed.request<{ me: { id: string; email: string } }>(
      "{ me { id email } }",
    );
    expect(me).toEqual({ id: register.user.id, email: "ada@example.com" });
  });

  it("refuses me without a token", async () => {
    const error = await new GraphQLClient(users.url)
      .request("{ me { id } }")
      .catch((e: ClientError) => e);
    expect((error as ClientError).response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
