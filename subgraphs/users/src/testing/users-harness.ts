import { randomUUID } from "node:crypto";
import { startTestSubgraph, type TestSubgraph } from "@kai/runtime/testing";
import type { GraphQLClient } from "graphql-request";
import { usersSubgraph } from "../app.ts";
import type { UsersSchema } from "../db/tables.ts";
import { loadUsersEnv, type UsersEnv } from "../env.ts";

/** What register, login and refreshToken answer. */
export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string | null; name: string };
}

/** A registered user, signed in. */
export interface Account extends AuthPayload {
  email: string;
  password: string;
  /** Sends this account's access token. */
  client: GraphQLClient;
}

const PAYLOAD = "accessToken refreshToken expiresIn user { id email name }";

export interface UsersHarness extends TestSubgraph<UsersSchema, UsersEnv> {
  /** Registers a new account under a fresh email. */
  register(name?: string): Promise<Account>;
  login(email: string, password: string): Promise<AuthPayload>;
  refresh(token: string): Promise<AuthPayload>;
  logout(refreshToken: string): Promise<boolean>;
}

/**
 * The users subgraph alone (see startTestSubgraph) with the Redis its sign-in limiter uses.
 * Users signs its own tokens, so its clients carry tokens from register and login, not from
 * the test issuer.
 */
export async function startUsersHarness(env: Record<string, string> = {}): Promise<UsersHarness> {
  const harness = await startTestSubgraph(usersSubgraph, {
    loadEnv: loadUsersEnv,
    redis: true,
    env,
  });
  const anonymous = harness.client();
  const login = async (email: string, password: string) =>
    (
      await anonymous.request<{ login: AuthPayload }>(
        `mutation ($input: LoginInput!) { login(input: $input) { ${PAYLOAD} } }`,
        { input: { email, password } },
      )
    ).login;
  return {
    ...harness,
    login,
    async register(name = "Ada") {
      const email = `${name.toLowerCase()}-${randomUUID()}@example.com`;
      const password = "correct horse battery";
      const { register } = await anonymous.request<{ register: AuthPayload }>(
        `mutation ($input: RegisterInput!) { register(input: $input) { ${PAYLOAD} } }`,
        { input: { email, password, name } },
      );
      return { ...register, email, password, client: harness.client(register.accessToken) };
    },
    async refresh(token) {
      const { refreshToken } = await anonymous.request<{ refreshToken: AuthPayload }>(
        `mutation ($token: String!) { refreshToken(token: $token) { ${PAYLOAD} } }`,
        { token },
      );
      return refreshToken;
    },
    async logout(refreshToken) {
      const { logout } = await anonymous.request<{ logout: boolean }>(
        "mutation ($token: String!) { logout(refreshToken: $token) }",
        { token: refreshToken },
      );
      return logout;
    },
  };
}
