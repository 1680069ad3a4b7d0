import { randomUUID } from "node:crypto";
import { errorCode } from "@kai/runtime/testing";
import { asc, eq, type SQL } from "drizzle-orm";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertNewFlashcards } from "./db/flashcards.repo.ts";
import { flashcards, topics } from "./db/schema.ts";
import { insertCaptureTopic, insertTopic } from "./db/topics.repo.ts";
import { NEW_CARD } from "./domain/sm2.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";

let harness: LearningHarness;
const ada = randomUUID();
const bob = randomUUID();
let asAda: GraphQLClient;
let asBob: GraphQLClient;
const captureId = randomUUID();
/** Ada's topics: a deck of many cards, a course of many sub-topics, a capture's topic. */
const ids = { deck: "", course: "", captured: "", bobsCard: "" };

const db = () => harness.subgraph.deps.db;
const DECK_SIZE = 45;
const COURSE_SIZE = 25;

/**
 * Rows three to a timestamp, so a page boundary falls between rows created in the same
 * instant and only the id can tell them apart.
 */
const createdAt = (index: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor(index / 3));

beforeAll(async () => {
  harness = await startLearningHarness();
  [asAda, asBob] = await Promise.all([harness.clientFor(ada), harness.clientFor(bob)]);
  const deck = await insertTopic(db(), { ownerId: ada, name: "Deck", createdAt: createdAt(0) });
  await db()
    .insert(flashcards)
    .values(
      Array.from({ length: DECK_SIZE }, (_, i) => ({
        ...NEW_CARD,
        ownerId: ada,
        topicId: deck.id,
        front: `Q${i}`,
        back: `A${i}`,
        nextReview: createdAt(i),
        createdAt: createdAt(i),
      })),
    );
  const course = await insertTopic(db(), { ownerId: ada, name: "Course", createdAt: createdAt(1) });
  await db()
    .insert(topics)
    .values(
      Array.from({ length: COURSE_SIZE }, (_, i) => ({
        ownerId: ada,
        parentId: course.id,
        name: `Chapter ${i}`,
        createdAt: createdAt(i + 3),
      })),
    );
  const captured = await insertCaptureTopic(db(), { ownerId: ada, captureId, name: "Captured" });
  if (!captured) throw new Error("capture topic not created");
  await insertNewFlashcards(db(), {
    ownerId: ada,
    topicId: captured.id,
    cards: [1, 2, 3, 4, 5].map((n) => ({ front: `C${n}`, back: `D${n}` })),
    now: new Date(),
  });
  const bobs = await insertTopic(db(), { ownerId: bob, name: "Bob's" });
  const [bobsCard] = await insertNewFlashcards(db(), {
    ownerId: bob,
    topicId: bobs.id,
    cards: [{ front: "B", back: "B" }],
    now: new Date(),
  });
  Object.assign(ids, {
    deck: deck.id,
    course: course.id,
    captured: captured.id,
    bobsCard: bobsCard?.id,
  });
});

afterAll(async () => {
  await harness?.dispose();
});

interface PageArgs {
  first?: number | null;
  after?: string;
}

/** Every paged list of the subgraph, each as one request for one page of it. */
const LISTS = {
  "Topic.flashcards": (args: PageArgs) =>
    pick(
      asAda.request<{ topic: { list: { id: string }[] } }>(
        "query ($id: ID!, $first: Int, $after: ID) { topic(id: $id) { list: flashcards(first: $first, after: $after) { id } } }",
        { id: ids.deck, ...args },
      ),
      (data) => data.topic.list,
    ),
  "Topic.children": (args: PageArgs) =>
    pick(
      asAda.request<{ topic: { list: { id: string }[] } }>(
        "query ($id: ID!, $first: Int, $after: ID) { topic(id: $id) { list: children(first: $first, after: $after) { id } } }",
        { id: ids.course, ...args },
      ),
      (data) => data.topic.list,
    ),
  "Query.topics": (args: PageArgs) =>
    pick(
      asAda.request<{ list: { id: string }[] }>(
        "query ($first: Int, $after: ID) { list: topics(first: $first, after: $after) { id } }",
        args,
      ),
      (data) => data.list,
    ),
  "User.topics": (args: PageArgs) =>
    pick(
      asAda.request<{ _entities: [{ list: { id: string }[] }] }>(
        "query ($refs: [_Any!]!, $first: Int, $after: ID) { _entities(representations: $refs) { ... on User { list: topics(first: $first, after: $after) { id } } } }",
        { refs: [{ __typename: "User", id: ada }], ...args },
      ),
      (data) => data._entities[0].list,
    ),
  "Capture.flashcards": (args: PageArgs) =>
    pick(
      asAda.request<{ _entities: [{ list: { id: string }[] }] }>(
        "query ($refs: [_Any!]!, $first: Int, $after: ID) { _entities(representations: $refs) { ... on Capture { list: flashcards(first: $first, after: $after) { id } } } }",
        { refs: [{ __typename: "Capture", id: captureId }], ...args },
      ),
      (data) => data._entities[0].list,
    ),
};
type ListName = keyof typeof LISTS;

async function pick<T>(request: Promise<T>, list: (data: T) => { id: string }[]) {
  return list(await request).map((row) => row.id);
}

/** Every id of the list, oldest first, as the database orders it. */
async function everyId(name: ListName): Promise<string[]> {
  const order = <T extends typeof flashcards | typeof topics>(t: T) => [
    asc(t.createdAt),
    asc(t.id),
  ];
  const cardsOf = (topicId: string) =>
    db()
      .select({ id: flashcards.id })
      .from(flashcards)
      .where(eq(flashcards.topicId, topicId))
      .orderBy(...order(flashcards));
  const topicsWhere = (where: SQL) =>
    db()
      .select({ id: topics.id })
      .from(topics)
      .where(where)
      .orderBy(...order(topics));
  const rows = {
    "Topic.flashcards": () => cardsOf(ids.deck),
    "Capture.flashcards": () => cardsOf(ids.captured),
    "Topic.children": () => topicsWhere(eq(topics.parentId, ids.course)),
    "Query.topics": () => topicsWhere(eq(topics.ownerId, ada)),
    "User.topics": () => topicsWhere(eq(topics.ownerId, ada)),
  }[name];
  return (await rows()).map((row) => row.id);
}

const names = Object.keys(LISTS) as ListName[];

describe("paged lists", () => {
  it.each(names)("%s without arguments is the first 20, oldest first", async (name) => {
    const all = await everyId(name);
    await expect(LISTS[name]({})).resolves.toEqual(all.slice(0, 20));
  });

  it.each(names)("%s pages through every row with `after`, none twice", async (name) => {
    const seen: string[] = [];
    let page: string[];
    do {
      page = await LISTS[name]({ first: 7, after: seen.at(-1) });
      seen.push(...page);
    } while (page.length === 7);
    expect(seen).toEqual(await everyId(name));
    expect(new Set(seen).size).toBe(seen.length);
    // After the last row: an empty page, not an error.
    await expect(LISTS[name]({ after: seen.at(-1) })).resolves.toEqual([]);
  });

  it.each(names)("%s takes `first` from 1 to 100", async (name) => {
    const all = await everyId(name);
    await expect(LISTS[name]({ first: 1 })).resolves.toEqual(all.slice(0, 1));
    await expect(LISTS[name]({ first: 100 })).resolves.toEqual(all.slice(0, 100));
    for (const first of [0, 101, -1, null])
      await expect(errorCode(LISTS[name]({ first }))).resolves.toBe("BAD_USER_INPUT");
  });

  it("says which argument is wrong and what it takes", async () => {
    await expect(LISTS["Topic.flashcards"]({ first: 101 })).rejects.toThrow(
      "first: must be between 1 and 100",
    );
    await expect(LISTS["Topic.flashcards"]({ after: "card-7" })).rejects.toThrow(
      "after: is not the id of an item in this list",
    );
  });

  it.each(names)("%s refuses an `after` from another list or owner", async (name) => {
    const elsewhere = name === "Topic.children" ? ids.deck : ids.bobsCard;
    for (const after of [elsewhere, randomUUID(), "not-an-id"])
      await expect(errorCode(LISTS[name]({ after }))).resolves.toBe("BAD_USER_INPUT");
  });

  it("pages another user's cards for their owner only", async () => {
    const page = await asBob.request<{ _entities: [{ flashcards: unknown[] }] }>(
      "query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on Capture { flashcards { id } } } }",
      { refs: [{ __typename: "Capture", id: captureId }] },
    );
    expect(page._entities[0].flashcards).toEqual([]);
  });
});

describe("a list of parents, each with a page", () => {
  const TOPICS_WITH_CARDS = /* GraphQL */ `
    query ($first: Int!) {
      topics(first: $first) { id flashcards(first: 2) { id } children(first: 2) { id } }
    }
  `;
  const statementsFor = (first: number) =>
    harness.countStatements(() => asAda.request(TOPICS_WITH_CARDS, { first }));

  it("loads every parent's page in one statement per list", async () => {
    const few = await statementsFor(2);
    const many = await statementsFor(28);
    // One for the topics, one for all their cards, one for all their sub-topics.
    expect(few).toBe(3);
    expect(many).toBe(few);
  });

  it("answers each parent with its own page", async () => {
    const { topics: all } = await asAda.request<{
      topics: { id: string; flashcards: { id: string }[]; children: { id: string }[] }[];
    }>(TOPICS_WITH_CARDS, { first: 28 });
    expect(all).toHaveLength(28);
    const byId = new Map(all.map((topic) => [topic.id, topic]));
    expect(byId.get(ids.deck)?.flashcards.map((c) => c.id)).toEqual(
      (await everyId("Topic.flashcards")).slice(0, 2),
    );
    expect(byId.get(ids.course)?.children.map((c) => c.id)).toEqual(
      (await everyId("Topic.children")).slice(0, 2),
    );
    expect(byId.get(ids.captured)?.flashcards).toHaveLength(2);
  });
});
