import { freePort } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../gateway/src/app.ts";
import { loadGatewayEnv } from "../gateway/src/env.ts";
import { firstCode, postGraphql, type RawAnswer, send } from "./support/http.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const json = { "content-type": "application/json" };

/** Requests the gateway cannot run, and the status each must get. */
const BROKEN: [string, RequestInit, number][] = [
  ["a body that is not JSON", { method: "POST", headers: json, body: "{ query: me" }, 400],
  [
    "a 3 MB body",
    {
      method: "POST",
      headers: json,
      body: JSON.stringify({ query: `{ me { id } }${" ".repeat(3_000_000)}` }),
    },
    413,
  ],
  ["no query", { method: "POST", headers: json, body: JSON.stringify({ variables: {} }) }, 400],
  ["an empty object", { method: "POST", headers: json, body: "{}" }, 400],
  ["a JSON string", { method: "POST", headers: json, body: '"{ me { id } }"' }, 400],
  [
    "a batch",
    { method: "POST", headers: json, body: JSON.stringify([{ query: "{ __typename }" }]) },
    400,
  ],
  [
    "a query that is a number",
    { method: "POST", headers: json, body: JSON.stringify({ query: 42 }) },
    400,
  ],
  [
    "variables that are a list",
    {
      method: "POST",
      headers: json,
      body: JSON.stringify({ query: "{ __typename }", variables: [1] }),
    },
    400,
  ],
  [
    "a documentId with no manifest entry",
    {
      method: "POST",
      headers: json,
      body: JSON.stringify({ documentId: `sha256:${"0".repeat(64)}` }),
    },
    400,
  ],
  [
    "a form body",
    { method: "POST", headers: { "content-type": "text/plain" }, body: "query={me{id}}" },
    400,
  ],
  ["a GET without a query", { method: "GET", headers: { accept: "application/json" } }, 400],
  [
    "a PUT",
    { method: "PUT", headers: json, body: JSON.stringify({ query: "{ __typename }" }) },
    405,
  ],
];

function expectJsonError(answer: RawAnswer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toContain("json");
  expect(answer.text).not.toMatch(/<html|<pre|at \w+ \(/i);
  expect(answer.body.errors?.[0]?.message).toBeTruthy();
  expect(answer.body.errors?.[0]?.extensions).not.toHaveProperty("stacktrace");
}

describe("requests the gateway cannot run", () => {
  it.each(BROKEN)("%s gets a JSON GraphQL error", async (_, init, status) => {
    const answer = await send(stack.gateway.url, init);
    expectJsonError(answer, status);
    expect(firstCode(answer)).toMatch(/^(BAD_REQUEST|PERSISTED_DOCUMENT_NOT_FOUND)$/);
  });

  it.each(BROKEN.slice(0, 8))("%s gets the same at a subgraph", async (_, init, status) => {
    const answer = await send(stack.subgraphs.learning.url, init);
    expectJsonError(answer, status);
    expect(firstCode(answer)).toBe("BAD_REQUEST");
  });

  it("an unknown path gets JSON, not an HTML page", async () => {
    expectJsonError(await send(new URL("/nope", stack.gateway.url).toString()), 404);
    expectJsonError(await send(new URL("/nope", stack.subgraphs.users.url).toString()), 404);
  });
});

describe("refusals carry their HTTP status", () => {
  it.each([
    ["no token", undefined, 401],
    ["a forged token", "not.a.token", 401],
  ])("%s gets UNAUTHENTICATED with %s", async (_, token, status) => {
    for (const url of [stack.gateway.url, stack.subgraphs.learning.url]) {
      const answer = await postGraphql(url, { query: "{ topics { id } }" }, token);
      expect(answer.status, url).toBe(status);
      expect(firstCode(answer)).toBe("UNAUTHENTICATED");
    }
  });
});

describe("browsers", () => {
  const preflight = (origin: string) =>
    fetch(stack.gateway.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });

  it("lets the web client's origin call with a token", async () => {
    const response = await preflight("http://localhost:3000");
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    const answer = await send(stack.gateway.url, {
      method: "POST",
      headers: { ...json, origin: "http://localhost:3000" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });

  it("gives any other origin no allow-origin", async () => {
    const response = await preflight("https://evil.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const answer = await send(stack.gateway.url, {
      method: "POST",
      headers: { ...json, origin: "https://evil.example" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers that suit an API", async () => {
    const answer = await postGraphql(stack.gateway.url, { query: "{ __typename }" });
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("strict-transport-security")).toContain("max-age");
    expect(answer.headers.get("x-powered-by")).toBeNull();
  });
});

describe("gateway readiness", () => {
  it("is ready when every subgraph is", async () => {
    const response = await fetch(new URL("/ready", stack.gateway.url));
    expect(response.status).toBe(200);
  });

  it("is not ready while a subgraph does not answer", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = await startGateway(
      loadGatewayEnv({
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
        NATS_URL: stack.nats.url,
        USERS_URL: stack.subgraphs.users.url,
        CAPTURES_URL: stack.subgraphs.captures.url,
        LEARNING_URL: stack.subgraphs.learning.url,
        PROGRESS_URL: nobody,
        JWKS_URL: new URL("/.well-known/jwks.json", stack.subgraphs.users.url).toString(),
      }),
    );
    try {
      const response = await fetch(new URL("/ready", gateway.url));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        subgraphs: { users: true, captures: true, learning: true, progress: false },
      });
    } finally {
      await gateway.stop();
    }
  });
});
