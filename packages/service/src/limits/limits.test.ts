import type { ApolloServerPlugin } from "@apollo/server";
import {
  buildSchema,
  type DocumentNode,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { limitRules } from "./limit-rules.ts";
import { operationCost } from "./operation-cost.ts";
import type { OperationLimits } from "./operation-limits.ts";
import { operationLimitsPlugin } from "./operation-limits-plugin.ts";
import { countTokens } from "./token-count.ts";

const schema = buildSchema(`
  type Query {
    me: User
    users(first: Int = 10): [User!]!
    leaderboard(limit: Int): [User!]!
    _entities(representations: [String!]!): [User]!
  }
  type User {
    id: ID!
    tags: [String!]!
    friends: [User!]!
    captures(first: Int = 20): CaptureConnection!
  }
  type CaptureConnection { edges: [CaptureEdge!]! }
  type CaptureEdge { node: Capture! }
  type Capture { id: ID! }
`);

const LIMITS: OperationLimits = {
  depth: 6,
  aliases: 15,
  directives: 50,
  tokens: 1_000,
  cost: 5_000,
  defaultListSize: 20,
  flattenFragments: false,
};

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  operationCost(schema, parse(query), variables, undefined, LIMITS);

describe("operationCost counts the objects an operation may ask for", () => {
  it.each([
    ["one object, scalars free", "{ me { id tags } }", 1],
    ["a list sized by its default `first`", "{ users { id } }", 10],
    ["a list sized by `first`", "{ users(first: 3) { id } }", 3],
    ["a list sized by `limit`", "{ leaderboard(limit: 7) { id } }", 7],
    ["an unsized list at the default size", "{ me { friends { id } } }", 1 + 20],
    ["nested lists multiply", "{ users(first: 5) { friends { id } } }", 5 * (1 + 20)],
    [
      "a connection's edges count once, sized by the connection",
      "{ me { captures(first: 4) { edges { node { id } } } } }",
      1 + 4 * (1 + 1 + 1),
    ],
    ["introspection is free", "{ __schema { types { name fields { name } } } }", 0],
  ])("%s", (_, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it("reads sizes from variables", () => {
    expect(cost("query ($n: Int) { users(first: $n) { id } }", { n: 40 })).toBe(40);
  });

  it("sizes _entities by the representations sent", () => {
    const query = "query ($r: [String!]!) { _entities(representations: $r) { id } }";
    expect(cost(query, { r: ["a", "b", "c"] })).toBe(3);
  });

  it("is unbounded for a fragment bomb", () => {
    const fragments = Array.from(
      { length: 12 },
      (_, i) => `fragment F${i} on User { friends { ...F${i + 1} ...F${i + 1} } }`,
    ).join(" ");
    expect(cost(`{ me { ...F0 } } ${fragments} fragment F12 on User { id }`)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe("limitRules report QUERY_TOO_COMPLEX with the limit and the measure", () => {
  const errorsOf = (query: string, limits = LIMITS) =>
    validate(schema, parse(query), [...specifiedRules, ...limitRules(limits)]).map(
      (error) => error.extensions,
    );

  it("depth", () => {
    expect(
      errorsOf("{ me { friends { friends { friends { friends { friends { id } } } } } } }"),
    ).toEqual([
      expect.objectContaining({ code: "QUERY_TOO_COMPLEX", limit: "depth", max: 6, actual: 7 }),
    ]);
  });

  it("depth with fragments flattened, as subgraphs count it", () => {
    const query = "{ me { ... on User { friends { ... on User { friends { id } } } } } }";
    expect(errorsOf(query, { ...LIMITS, depth: 4 })).toHaveLength(1);
    expect(errorsOf(query, { ...LIMITS, depth: 4, flattenFragments: true })).toEqual([]);
  });

  it("aliases", () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(" ")} }`;
    expect(errorsOf(query)).toEqual([
      expect.objectContaining({ limit: "aliases", max: 15, actual: 16 }),
    ]);
  });

  it("directives", () => {
    const query = `{ me { ${"id @include(if: true) ".repeat(51)} } }`;
    expect(errorsOf(query)).toEqual([
      expect.objectContaining({ limit: "directives", max: 50, actual: 51 }),
    ]);
  });

  it("nothing within the limits", () => {
    expect(errorsOf("{ me { id friends { id } } }")).toEqual([]);
  });
});

describe("countTokens", () => {
  it("counts every token and stops one past the limit", () => {
    expect(countTokens("{ me { id } }", 100)).toBe(6);
    expect(countTokens(`{ ${"id ".repeat(5_000)} }`, 10)).toBe(11);
  });

  it("leaves a lexing error to the parser", () => {
    expect(countTokens('{ me { id } } "unterminated', 100)).toBe(6);
  });
});

describe("operationLimitsPlugin", () => {
  // The hook as Apollo calls it, with what the plugin reads of the request context.
  const check = async (
    plugin: ApolloServerPlugin,
    document: DocumentNode,
    variables: Record<string, unknown>,
  ) => {
    const hooks = await plugin.requestDidStart?.({} as never);
    const operation = document.definitions[0] as OperationDefinitionNode;
    await hooks?.didResolveOperation?.({
      schema,
      document,
      operation,
      operationName: null,
      request: { variables },
    } as never);
  };
  const ENTITIES = parse(
    "query ($representations: [String!]!) { _entities(representations: $representations) { friends { id } } }",
  );

  it("refuses a remembered document again, and costs another count of representations anew", async () => {
    const plugin = operationLimitsPlugin({ ...LIMITS, cost: 100 });
    const few = { representations: ["a", "b"] };
    const many = { representations: Array.from({ length: 10 }, (_, i) => `u${i}`) };
    await check(plugin, ENTITIES, few);
    await check(plugin, ENTITIES, { representations: ["c", "d"] });
    await expect(check(plugin, ENTITIES, many)).rejects.toMatchObject({
      extensions: { code: "QUERY_TOO_COMPLEX" },
    });
    await expect(check(plugin, ENTITIES, many)).rejects.toMatchObject({
      extensions: { code: "QUERY_TOO_COMPLEX" },
    });
    await check(plugin, ENTITIES, few);
  });
});
