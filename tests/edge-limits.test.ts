import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postGraphql, type RawAnswer } from "./support/http.ts";
import { register, type Session } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let ada: Session;

beforeAll(async () => {
  stack = await startStack();
  ada = await register(stack, "Ada");
});
afterAll(() => stack?.stop());

const nest = (levels: number, leaf: string) =>
  Array.from({ length: levels }).reduce<string>(
    (inner, _, level) => (level % 2 === 0 ? `topic { ${inner} }` : `flashcards { ${inner} }`),
    leaf,
  );

/** Hostile operations, each meant to break exactly one limit. */
const HOSTILE: [string, string, string][] = [
  ["depth", "the fan-out 15 levels deep", `{ topics { ${nest(15, "id")} } }`],
  [
    "aliases",
    "100 aliases of me",
    `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(" ")} }`,
  ],
  // 500 aliases are 3,000 tokens: refused before they are even parsed.
  [
    "tokens",
    "500 aliases of me",
    `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: me { id }`).join(" ")} }`,
  ],
  ["tokens", "a document of 1,200 tokens", `{ me { ${"id ".repeat(1_200)} } }`],
  [
    "directives",
    "60 directives",
    `{ me { ${Array.from({ length: 60 }, () => "id @include(if: true)").join(" ")} } }`,
  ],
  [
    "cost",
    "a shallow query that fans out to 30,000 objects",
    "{ leaderboard(limit: 100) { user { captures(first: 100) { edges { node { id } } } } } }",
  ],
];

function expectRefused(answer: RawAnswer, limit: string) {
  expect(answer.status).toBe(400);
  expect(answer.body.data ?? null).toBeNull();
  const error = answer.body.errors?.[0];
  expect(error?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit });
  const { max, actual } = (error?.extensions ?? {}) as { max?: number; actual?: number };
  expect(actual).toBeGreaterThan(max ?? Number.POSITIVE_INFINITY);
  expect(error?.message).toContain(limit);
  expect(error?.extensions).not.toHaveProperty("stacktrace");
}

describe("operation limits at the gateway", () => {
  it.each(HOSTILE)("refuses %s: %s", async (limit, _, query) => {
    expectRefused(await postGraphql(stack.gateway.url, { query }, ada.accessToken), limit);
  });

  it("counts a page size passed as a variable, per request", async () => {
    const query = "query ($n: Int) { captures(first: $n) { edges { node { id } } } }";
    const small = await postGraphql(
      stack.gateway.url,
      { query, variables: { n: 5 } },
      ada.accessToken,
    );
    expect(small.body.errors).toBeUndefined();
    const huge = await postGraphql(
      stack.gateway.url,
      { query, variables: { n: 1_000_000 } },
      ada.accessToken,
    );
    expectRefused(huge, "cost");
  });

  it("answers the README's spanning query within every limit", async () => {
    const answer = await postGraphql(
      stack.gateway.url,
      {
        query:
          "{ me { name captures(first: 20) { edges { node { status topic { name flashcardCount } } } } progress { points level streak } } }",
      },
      ada.accessToken,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ me: { name: "Ada" } });
  });

  it("lets GraphiQL's introspection query through", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const answer = await postGraphql(stack.gateway.url, { query: getIntrospectionQuery() });
    expect(answer.body.errors).toBeUndefined();
  });
});

describe("operation limits at a subgraph reached directly", () => {
  it.each(HOSTILE.filter(([limit]) => limit !== "cost"))(
    "refuses %s: %s",
    async (limit, _, query) => {
      const subgraph = limit === "depth" ? stack.subgraphs.learning : stack.subgraphs.users;
      expectRefused(await postGraphql(subgraph.url, { query }, ada.accessToken), limit);
    },
  );

  it("sizes _entities by its representations", async () => {
    const representations = Array.from({ length: 6_000 }, (_, i) => ({
      __typename: "User",
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    }));
    const answer = await postGraphql(
      stack.subgraphs.users.url,
      {
        query: "query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }",
        variables: { r: representations },
      },
      ada.accessToken,
    );
    expectRefused(answer, "cost");
  });
});

describe("after the hostile requests", () => {
  it("every service is still ready", async () => {
    const urls = [stack.gateway.url, ...Object.values(stack.subgraphs).map((s) => s.url)];
    for (const url of urls) {
      const response = await fetch(new URL("/ready", url));
      expect(response.status, url).toBe(200);
    }
  });
});
