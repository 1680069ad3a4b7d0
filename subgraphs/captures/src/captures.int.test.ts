import { graphqlFailure } from "@kai/runtime/testing";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CapturesHarness, startCapturesHarness } from "./testing/harness.ts";

let harness: CapturesHarness;

beforeAll(async () => {
  harness = await startCapturesHarness();
});

afterAll(() => harness?.dispose());

const CAPTURE_FIELDS = /* GraphQL */ `
  fragment CaptureFields on Capture {
    id type content source status failureReason tags metadata createdAt updatedAt owner { id }
  }
`;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { ...CaptureFields } }
  ${CAPTURE_FIELDS}
`;

const READ = /* GraphQL */ `
  query ($id: ID!) { capture(id: $id) { ...CaptureFields } }
  ${CAPTURE_FIELDS}
`;

const PAGE = /* GraphQL */ `
  query ($first: Int, $after: String, $filter: CaptureFilter) {
    captures(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id createdAt } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`;

interface CaptureResult {
  id: string;
  type: string;
  content: string;
  source: string | null;
  status: string;
  tags: string[];
  metadata: Record<string, unknown>;
  owner: { id: string };
}

interface PageResult {
  edges: { cursor: string; node: { id: string; createdAt: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

async function create(client: GraphQLClient, input: object): Promise<CaptureResult> {
  const { createCapture } = await client.request<{ createCapture: CaptureResult }>(CREATE, {
    input,
  });
  return createCapture;
}

async function page(client: GraphQLClient, variables: object): Promise<PageResult> {
  return (await client.request<{ captures: PageResult }>(PAGE, variables)).captures;
}

describe("createCapture and capture", () => {
  it("creates a PENDING capture and reads it back", async () => {
    const { userId, client } = await harness.signIn();
    const created = await create(client, {
      type: "URL",
      content: "  Read about spaced repetition  ",
      source: "https://example.com/spaced",
      tags: [" Memory ", "memory", "Study"],
    });
    expect(created).toMatchObject({
      type: "URL",
      content: "Read about spaced repetition",
      source: "https://example.com/spaced",
      status: "PENDING",
      failureReason: null,
      tags: ["memory", "study"],
      metadata: { wordCount: 4 },
      owner: { id: userId },
    });
    const { capture } = await client.request<{ capture: CaptureResult }>(READ, { id: created.id });
    expect(capture).toEqual(created);
  });

  const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
  const invalid: [string, object, string][] = [
    ["empty content", { type: "TEXT", content: "  \n " }, "content"],
    ["oversized content", { type: "TEXT", content: "a".repeat(20_001) }, "content"],
    ["oversized source", { type: "TEXT", content: "x", source: "s".repeat(2_049) }, "source"],
    ["a URL capture without source", { type: "URL", content: "an article" }, "source"],
    ["a bad URL", { type: "URL", content: "an article", source: "not a url" }, "source"],
    ["a non-http URL", { type: "URL", content: "x", source: "javascript:alert(1)" }, "source"],
    ["too many tags", { type: "TEXT", content: "x", tags: tags(21) }, "tags"],
    ["a blank tag", { type: "TEXT", content: "x", tags: ["ok", " "] }, "tags.1"],
  ];
  it.each(invalid)("refuses %s with BAD_USER_INPUT and writes nothing", async (_, input, field) => {
    const { client } = await harness.signIn();
    const before = await harness.rowCounts();
    const error = await graphqlFailure(create(client, input));
    expect(error).toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field },
    });
    expect(await harness.rowCounts()).toEqual(before);
  });

  it("refuses an unknown type in variables with BAD_USER_INPUT and writes nothing", async () => {
    const { client } = await harness.signIn();
    const before = await harness.rowCounts();
    const error = await graphqlFailure(create(client, { type: "PODCAST", content: "x" }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(await harness.rowCounts()).toEqual(before);
  });

  it("answers NOT_FOUND for a missing or malformed id", async () => {
    const { client } = await harness.signIn();
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      expect((await graphqlFailure(client.request(READ, { id }))).code).toBe("NOT_FOUND");
    }
  });
});

describe("captures connection", () => {
  let client: GraphQLClient;
  let newestFirst: string[];

  beforeAll(async () => {
    ({ client } = await harness.signIn());
    const inputs = [
      { type: "TEXT", content: "one", tags: ["a"] },
      { type: "URL", content: "two", source: "https://example.com/2", tags: ["b"] },
      { type: "TEXT", content: "three", tags: ["a", "b"] },
      { type: "VIDEO", content: "four" },
      { type: "TEXT", content: "five", tags: ["A"] },
    ];
    for (const input of inputs) await create(client, input);
    newestFirst = (await page(client, { first: 100 })).edges.map((edge) => edge.node.id);
  });

  it("lists the caller's captures newest first", async () => {
    const { edges, totalCount, pageInfo } = await page(client, {});
    expect(totalCount).toBe(5);
    expect(pageInfo.hasNextPage).toBe(false);
    const times = edges.map((edge) => Date.parse(edge.node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("walks every page with cursors, each capture once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const result: PageResult = await page(client, { first: 2, after });
      expect(result.totalCount).toBe(5);
      seen.push(...result.edges.map((edge) => edge.node.id));
      pages.push(result.pageInfo.hasNextPage);
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor ?? null);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(newestFirst);
  });

  it.each([
    [{ type: "TEXT" }, 3],
    [{ type: "URL" }, 1],
    [{ tag: " A " }, 3],
    [{ tag: "b", type: "TEXT" }, 1],
    [{ status: "PENDING" }, 5],
    [{ status: "PROCESSED" }, 0],
  ])("filters by %j", async (filter, expected) => {
    const result = await page(client, { filter, first: 2 });
    expect(result.totalCount).toBe(expected);
    expect(result.edges).toHaveLength(Math.min(expected, 2));
    expect(result.pageInfo.hasNextPage).toBe(expected > 2);
  });

  it("pages through a filter with cursors", async () => {
    const first = await page(client, { filter: { type: "TEXT" }, first: 2 });
    const rest = await page(client, {
      filter: { type: "TEXT" },
      first: 2,
      after: first.pageInfo.endCursor,
    });
    expect(rest.edges).toHaveLength(1);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    [{ first: 0 }, "first"],
    [{ first: 101 }, "first"],
    [{ first: 2, after: "not-a-cursor" }, "after"],
    [{ first: 2, after: Buffer.from('["x","y"]').toString("base64url") }, "after"],
  ])("refuses %j with BAD_USER_INPUT", async (variables, field) => {
    expect(await graphqlFailure(page(client, variables))).toMatchObject({
      code: "BAD_USER_INPUT",
      extensions: { field },
    });
  });
});

const USER_CAPTURES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { captures { totalCount } } }
  }
`;

describe("another user's captures", () => {
  let owner: { userId: string; client: GraphQLClient };
  let captureId: string;

  beforeAll(async () => {
    owner = await harness.signIn();
    captureId = (await create(owner.client, { type: "TEXT", content: "mine" })).id;
  });

  it("answer NOT_FOUND, word for word like a missing id", async () => {
    const { client } = await harness.signIn();
    const missing = "00000000-0000-4000-8000-000000000000";
    const foreign = await graphqlFailure(client.request(READ, { id: captureId }));
    const absent = await graphqlFailure(client.request(READ, { id: missing }));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign.message.replace(captureId, "<id>")).toBe(
      absent.message.replace(missing, "<id>"),
    );
  });

  it("resolve to null as references", async () => {
    const { client } = await harness.signIn();
    const { _entities } = await client.request<{ _entities: unknown[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Capture { id } } }`,
      { r: [{ __typename: "Capture", id: captureId }] },
    );
    expect(_entities).toEqual([null]);
  });

  it("answer NOT_FOUND through User.captures, word for word like a user that does not exist", async () => {
    const { client } = await harness.signIn();
    const missing = "00000000-0000-4000-8000-000000000000";
    const read = (id: string) =>
      graphqlFailure(
        client.request(USER_CAPTURES, { representations: [{ __typename: "User", id }] }),
      );
    const [foreign, absent] = await Promise.all([read(owner.userId), read(missing)]);
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign.message.replace(owner.userId, "<id>")).toBe(
      absent.message.replace(missing, "<id>"),
    );
  });

  it("are the owner's own through User.captures", async () => {
    const representations = [{ __typename: "User", id: owner.userId }];
    const result = await owner.client.request(USER_CAPTURES, { representations });
    expect(result).toEqual({ _entities: [{ captures: { totalCount: 1 } }] });
  });

  it("are readable by an admin", async () => {
    const { client } = await harness.signIn("ADMIN");
    const { capture } = await client.request<{ capture: CaptureResult }>(READ, { id: captureId });
    expect(capture.owner.id).toBe(owner.userId);
    const representations = [{ __typename: "User", id: owner.userId }];
    const result = await client.request(USER_CAPTURES, { representations });
    expect(result).toEqual({ _entities: [{ captures: { totalCount: 1 } }] });
  });
});

describe("batching", () => {
  /** Statements on the captures table while the request ran; the outbox relay polls beside it. */
  async function statementsOf(request: () => Promise<unknown>): Promise<number> {
    const before = harness.statements.length;
    await request();
    return harness.statements.slice(before).filter((sql) => sql.includes('"captures"')).length;
  }

  it("resolves 30 capture references in one statement", async () => {
    const { client } = await harness.signIn();
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => create(client, { type: "TEXT", content: `note ${i}` })),
    );
    const representations = created.map(({ id }) => ({ __typename: "Capture", id }));
    let entities: { id: string; owner: { id: string } }[] = [];
    const statements = await statementsOf(async () => {
      ({ _entities: entities } = await client.request<{ _entities: typeof entities }>(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Capture { id status owner { id } } } }`,
        { r: representations },
      ));
    });
    expect(entities.map((entity) => entity.id)).toEqual(created.map(({ id }) => id));
    expect(statements).toBe(1);
  });

  it("loads many users' pages and counts in one statement each", async () => {
    const users = await Promise.all([harness.signIn(), harness.signIn(), harness.signIn()]);
    for (const [i, user] of users.entries()) {
      for (let n = 0; n <= i; n++) await create(user.client, { type: "TEXT", content: `c${n}` });
    }
    const { client } = await harness.signIn("ADMIN");
    let result: { _entities: { captures: { totalCount: number; edges: unknown[] } }[] } = {
      _entities: [],
    };
    const statements = await statementsOf(async () => {
      result = await client.request(
        `query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on User { captures(first: 2) { totalCount edges { node { id status } } } }
          }
        }`,
        { r: users.map(({ userId }) => ({ __typename: "User", id: userId })) },
      );
    });
    expect(result._entities.map((user) => user.captures.totalCount)).toEqual([1, 2, 3]);
    expect(result._entities.map((user) => user.captures.edges.length)).toEqual([1, 2, 2]);
    expect(statements).toBe(2);
  });

  it("reads a page's long texts only when asked, then for the whole page in one statement", async () => {
    const { client } = await harness.signIn();
    const contents = ["first note", "second note", "third note"];
    for (const content of contents) await create(client, { type: "TEXT", content });
    /** Statements that read the long texts while the request ran. */
    const textReads = async (selection: string) => {
      const before = harness.statements.length;
      const { captures } = await client.request<{
        captures: { edges: { node: { content?: string } }[] };
      }>(`{ captures(first: 3) { edges { node { ${selection} } } } }`);
      const reads = harness.statements
        .slice(before)
        .filter((sql) => sql.includes('"captures"') && sql.includes('"extracted_text"'));
      return { reads: reads.length, contents: captures.edges.map(({ node }) => node.content) };
    };
    expect(await textReads("id status")).toEqual({
      reads: 0,
      contents: [undefined, undefined, undefined],
    });
    expect(await textReads("id content extractedText")).toEqual({
      reads: 1,
      contents: [...contents].reverse(),
    });
  });
});
