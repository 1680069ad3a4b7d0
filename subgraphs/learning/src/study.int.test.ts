import { randomUUID } from "node:crypto";
import { errorCode } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { count, eq } from "drizzle-orm";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviews } from "./db/schema.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";
import {
  completeTopic,
  createFlashcard,
  createTopic,
  reviewFlashcard,
} from "./testing/operations.ts";
import { countOutboxEvents } from "./testing/outbox.ts";

const DAY_MS = 86_400_000;

let harness: LearningHarness;
const ada = randomUUID();
const bob = randomUUID();
let asAda: GraphQLClient;
let asBob: GraphQLClient;

beforeAll(async () => {
  harness = await startLearningHarness();
  [asAda, asBob] = await Promise.all([harness.clientFor(ada), harness.clientFor(bob)]);
});

afterAll(async () => {
  await harness?.dispose();
});

const db = () => harness.subgraph.deps.db;

async function reviewRows(flashcardId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(reviews)
    .where(eq(reviews.flashcardId, flashcardId));
  return row?.n ?? 0;
}

const outboxRows = (type: string, key: string, id: string) =>
  countOutboxEvents(db(), type, key, id);

async function newCard(client: GraphQLClient, name = "Tides") {
  const topic = await createTopic(client, { name });
  const card = await createFlashcard(client, {
    topicId: topic.id,
    front: "What causes tides?",
    back: "Mostly the Moon's gravity.",
  });
  return { topic, card };
}

describe("topics and flashcards", () => {
  it("creates nested topics and cards that are due at once", async () => {
    const before = Date.now();
    const parent = await createTopic(asAda, { name: "  Oceanography  " });
    const child = await createTopic(asAda, { name: "Tides", parentId: parent.id });
    const card = await createFlashcard(asAda, { topicId: child.id, front: " Q ", back: " A " });

    expect(parent.name).toBe("Oceanography");
    expect(card).toMatchObject({ front: "Q", repetitions: 0, interval: 0, easeFactor: 2.5 });
    expect(card.lastReviewedAt).toBeNull();
    expect(Date.parse(card.nextReview)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(card.nextReview)).toBeLessThanOrEqual(Date.now());

    const { topic } = await asAda.request<{ topic: unknown }>(
      `query ($id: ID!) { topic(id: $id) {
        name parent { id } completedAt capture { id }
        children { name flashcardCount flashcards { front back topic { name } } }
      } }`,
      { id: parent.id },
    );
    expect(topic).toEqual({
      name: "Oceanography",
      parent: null,
      completedAt: null,
      capture: null,
      children: [
        {
          name: "Tides",
          flashcardCount: 1,
          flashcards: [{ front: "Q", back: "A", topic: { name: "Tides" } }],
        },
      ],
    });
  });

  it("lists the caller's topics oldest first and their due cards", async () => {
    const user = randomUUID();
    const client = await harness.clientFor(user);
    const first = await newCard(client, "First");
    const second = await newCard(client, "Second");
    const data = await client.request<{
      topics: { name: string }[];
      dueFlashcards: { id: string }[];
      one: { id: string }[];
      _entities: { dueCount: number; topics: { name: string }[] }[];
    }>(
      `query ($user: [_Any!]!) {
        topics { name }
        dueFlashcards { id }
        one: dueFlashcards(limit: 1) { id }
        _entities(representations: $user) { ... on User { dueCount topics { name } } }
      }`,
      { user: [{ __typename: "User", id: user }] },
    );
    expect(data.topics.map((t) => t.name)).toEqual(["First", "Second"]);
    expect(data.dueFlashcards.map((c) => c.id)).toEqual([first.card.id, second.card.id]);
    expect(data.one.map((c) => c.id)).toEqual([first.card.id]);
    expect(data._entities).toEqual([
      { dueCount: 2, topics: [{ name: "First" }, { name: "Second" }] },
    ]);

    await reviewFlashcard(client, { flashcardId: first.card.id, quality: 5 });
    const after = await client.request<{ dueFlashcards: { id: string }[] }>(
      "{ dueFlashcards { id } }",
    );
    expect(after.dueFlashcards.map((c) => c.id)).toEqual([second.card.id]);
  });

  it.each([
    ["an empty name", { name: "   " }],
    ["a name over 120 characters", { name: "x".repeat(121) }],
  ])("refuses a topic with %s", async (_, input) => {
    await expect(errorCode(createTopic(asAda, input))).resolves.toBe("BAD_USER_INPUT");
  });

  it("refuses card texts that are empty or too long", async () => {
    const topic = await createTopic(asAda, { name: "Limits" });
    for (const input of [
      { topicId: topic.id, front: " ", back: "A" },
      { topicId: topic.id, front: "Q", back: "" },
      { topicId: topic.id, front: "x".repeat(501), back: "A" },
      { topicId: topic.id, front: "Q", back: "x".repeat(2001) },
    ])
      await expect(errorCode(createFlashcard(asAda, input))).resolves.toBe("BAD_USER_INPUT");
    const { topic: stored } = await asAda.request<{ topic: { flashcardCount: number } }>(
      "query ($id: ID!) { topic(id: $id) { flashcardCount } }",
      { id: topic.id },
    );
    expect(stored.flashcardCount).toBe(0);
  });

  it.each([0, 101])("refuses dueFlashcards(limit: %i)", async (limit) => {
    const request = asAda.request("query ($limit: Int) { dueFlashcards(limit: $limit) { id } }", {
      limit,
    });
    await expect(errorCode(request)).resolves.toBe("BAD_USER_INPUT");
  });
});

describe("reviewFlashcard", () => {
  // Every class of answer, hand-computed from the SM-2 rules (ARCHITECTURE.md §6).
  const schedule = [
    { quality: 5, repetitions: 1, interval: 1, easeFactor: 2.6 },
    { quality: 4, repetitions: 2, interval: 6, easeFactor: 2.6 },
    { quality: 3, repetitions: 3, interval: 16, easeFactor: 2.46 },
    { quality: 2, repetitions: 0, interval: 1, easeFactor: 2.14 },
    { quality: 1, repetitions: 0, interval: 1, easeFactor: 1.6 },
    { quality: 0, repetitions: 0, interval: 1, easeFactor: 1.3 },
    { quality: 5, repetitions: 1, interval: 1, easeFactor: 1.4 },
    { quality: 5, repetitions: 2, interval: 6, easeFactor: 1.5 },
    { quality: 5, repetitions: 3, interval: 9, easeFactor: 1.6 },
  ];

  it("applies SM-2, logs each review and publishes learning.flashcard_reviewed", async () => {
    const events = await harness.events.listen("learning.flashcard_reviewed", ada);
    const { topic, card } = await newCard(asAda);
    for (const expected of schedule) {
      const before = Date.now();
      const reviewed = await reviewFlashcard(asAda, {
        flashcardId: card.id,
        quality: expected.quality,
      });
      expect(reviewed).toMatchObject({
        repetitions: expected.repetitions,
        interval: expected.interval,
      });
      expect(reviewed.easeFactor).toBeCloseTo(expected.easeFactor, 10);
      const reviewedAt = Date.parse(reviewed.lastReviewedAt ?? "");
      expect(reviewedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(reviewedAt).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(reviewed.nextReview) - reviewedAt).toBe(expected.interval * DAY_MS);
    }
    expect(await reviewRows(card.id)).toBe(schedule.length);

    const mine = await waitFor(
      () => {
        const forCard = events.filter((event) => event.data.flashcardId === card.id);
        return forCard.length === schedule.length ? forCard : undefined;
      },
      { what: "one event per review" },
    );
    expect(mine.map((event) => event.data.quality)).toEqual(schedule.map((s) => s.quality));
    expect(mine.at(-1)?.data).toMatchObject({ topicId: topic.id, repetitions: 3, interval: 9 });
  });

  it("marks a review scored only when the card was due (a new card is)", async () => {
    const events = await harness.events.listen("learning.flashcard_reviewed", ada);
    const { card } = await newCard(asAda);
    for (const quality of [5, 5, 1])
      await reviewFlashcard(asAda, { flashcardId: card.id, quality });
    const mine = await waitFor(
      () => {
        const forCard = events.filter((event) => event.data.flashcardId === card.id);
        return forCard.length === 3 ? forCard : undefined;
      },
      { what: "one event per review" },
    );
    expect(mine.map((event) => event.data.scored)).toEqual([true, false, false]);
    expect(await reviewRows(card.id)).toBe(3);
  });

  it.each([6, -1, 2.5])("refuses quality %d and writes nothing", async (quality) => {
    const { card } = await newCard(asAda);
    const request = reviewFlashcard(asAda, { flashcardId: card.id, quality });
    await expect(errorCode(request)).resolves.toBe("BAD_USER_INPUT");
    expect(await reviewRows(card.id)).toBe(0);
    expect(await outboxRows("learning.flashcard_reviewed", "flashcardId", card.id)).toBe(0);
    const { flashcard } = await asAda.request<{ flashcard: { repetitions: number } }>(
      "query ($id: ID!) { flashcard(id: $id) { repetitions lastReviewedAt } }",
      { id: card.id },
    );
    expect(flashcard).toEqual({ repetitions: 0, lastReviewedAt: null });
  });
});

describe("completeTopic", () => {
  it("completes once: a second call returns the topic unchanged and emits nothing", async () => {
    const events = await harness.events.listen("learning.topic_completed", ada);
    const topic = await createTopic(asAda, { name: "Done soon" });
    const first = await completeTopic(asAda, topic.id);
    const second = await completeTopic(asAda, topic.id);
    expect(first.completedAt).not.toBeNull();
    expect(second).toEqual(first);

    await waitFor(() => events.find((event) => event.data.topicId === topic.id), {
      what: "the topic_completed event",
    });
    expect(await outboxRows("learning.topic_completed", "topicId", topic.id)).toBe(1);
    expect(events.filter((event) => event.data.topicId === topic.id)).toHaveLength(1);
  });
});

describe("another user's objects", () => {
  it("answer NOT_FOUND, exactly like missing ones, and stay unchanged", async () => {
    const { topic, card } = await newCard(asAda);
    for (const id of [topic.id, randomUUID(), "not-a-uuid"]) {
      const read = asBob.request("query ($id: ID!) { topic(id: $id) { id } }", { id });
      await expect(errorCode(read)).resolves.toBe("NOT_FOUND");
      await expect(errorCode(completeTopic(asBob, id))).resolves.toBe("NOT_FOUND");
      await expect(
        errorCode(createFlashcard(asBob, { topicId: id, front: "Q", back: "A" })),
      ).resolves.toBe("NOT_FOUND");
      await expect(errorCode(createTopic(asBob, { name: "Mine", parentId: id }))).resolves.toBe(
        "NOT_FOUND",
      );
    }
    for (const id of [card.id, randomUUID(), "not-a-uuid"]) {
      const read = asBob.request("query ($id: ID!) { flashcard(id: $id) { id } }", { id });
      await expect(errorCode(read)).resolves.toBe("NOT_FOUND");
      const review = reviewFlashcard(asBob, { flashcardId: id, quality: 5 });
      await expect(errorCode(review)).resolves.toBe("NOT_FOUND");
    }

    const { topic: unchanged } = await asAda.request<{ topic: unknown }>(
      "query ($id: ID!) { topic(id: $id) { completedAt flashcardCount children { id } } }",
      { id: topic.id },
    );
    expect(unchanged).toEqual({ completedAt: null, flashcardCount: 1, children: [] });
    expect(await reviewRows(card.id)).toBe(0);
  });

  it("answers NOT_FOUND for another user's study data on User", async () => {
    for (const field of ["dueCount", "topics { id }", "dueFlashcards { id }"]) {
      const request = asBob.request(
        `query ($user: [_Any!]!) { _entities(representations: $user) { ... on User { ${field} } } }`,
        { user: [{ __typename: "User", id: ada }] },
      );
      await expect(errorCode(request)).resolves.toBe("NOT_FOUND");
    }
  });

  it("are visible to an admin", async () => {
    const { topic } = await newCard(asAda);
    const admin = await harness.clientFor(randomUUID(), "ADMIN");
    const data = await admin.request<{ topic: { name: string; flashcardCount: number } }>(
      "query ($id: ID!) { topic(id: $id) { name flashcardCount } }",
      { id: topic.id },
    );
    expect(data.topic).toEqual({ name: "Tides", flashcardCount: 1 });
  });
});
