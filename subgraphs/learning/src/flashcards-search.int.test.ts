import { errorCode } from "@kai/runtime/testing";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";

let harness: LearningHarness;

beforeAll(async () => {
  harness = await startLearningHarness();
});

afterAll(() => harness?.dispose());

interface SearchPage {
  edges: { cursor: string; node: { id: string; front: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const SEARCH = `query ($query: String!, $first: Int, $after: String) {
  searchFlashcards(query: $query, first: $first, after: $after) {
    edges { cursor node { id front } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;

const search = async (client: GraphQLClient, variables: object) =>
  (await client.request<{ searchFlashcards: SearchPage }>(SEARCH, variables)).searchFlashcards;

async function cards(client: GraphQLClient, pairs: [string, string][]): Promise<string[]> {
  const { createTopic } = await client.request<{ createTopic: { id: string } }>(
    `mutation { createTopic(input: { name: "Biology" }) { id } }`,
  );
  const ids: string[] = [];
  for (const [front, back] of pairs) {
    const { createFlashcard } = await client.request<{ createFlashcard: { id: string } }>(
      `mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }`,
      { input: { topicId: createTopic.id, front, back } },
    );
    ids.push(createFlashcard.id);
  }
  return ids;
}

describe("searchFlashcards", () => {
  it("finds the caller's cards by question and answer, best match first, a page at a time", async () => {
    const { client } = await harness.signIn();
    const stranger = await harness.signIn();
    await cards(stranger.client, [["What do enzymes do?", "Enzymes catalyse reactions."]]);
    const [strong, weak] = await cards(client, [
      ["What do enzymes do?", "Enzymes catalyse reactions; each enzyme binds a substrate."],
      ["What is a cofactor?", "A helper molecule that some enzymes need."],
      ["What is osmosis?", "Diffusion of water through a membrane."],
    ]);

    const all = await search(client, { query: "enzyme" });
    expect(all.totalCount).toBe(2);
    expect(all.edges.map((edge) => edge.node.id)).toEqual([strong, weak]);

    const first = await search(client, { query: "enzyme", first: 1 });
    expect(first.edges.map((edge) => edge.node.id)).toEqual([strong]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search(client, {
      query: "enzyme",
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(second.edges.map((edge) => edge.node.id)).toEqual([weak]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    expect((await search(client, { query: "membrane -enzyme" })).totalCount).toBe(1);
    expect((await search(client, { query: '"helper molecule"' })).edges).toHaveLength(1);
    expect((await search(client, { query: "photosynthesis" })).edges).toEqual([]);
  });

  it.each([
    ["an empty query", { query: "  " }],
    ["a long query", { query: "q".repeat(201) }],
    ["first 0", { query: "x", first: 0 }],
    ["first 101", { query: "x", first: 101 }],
    ["a foreign cursor", { query: "x", after: "bm9wZQ" }],
  ])("refuses %s", async (_, variables) => {
    const { client } = await harness.signIn();
    expect(await errorCode(search(client, variables))).toBe("BAD_USER_INPUT");
  });

  it("is for signed-in users only", async () => {
    expect(await errorCode(search(harness.client(), { query: "x" }))).toBe("UNAUTHENTICATED");
  });
});
