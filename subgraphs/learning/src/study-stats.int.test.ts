import { randomUUID } from "node:crypto";
import { errorCode } from "@kai/runtime/testing";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviews } from "./db/schema.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";
import { createFlashcard, createTopic, reviewFlashcard } from "./testing/operations.ts";

const DAY_MS = 86_400_000;

let harness: LearningHarness;

beforeAll(async () => {
  harness = await startLearningHarness();
});

afterAll(async () => {
  await harness?.dispose();
});

async function newUser() {
  const id = randomUUID();
  return { id, client: await harness.clientFor(id) };
}

async function cardsOf(client: GraphQLClient, n: number) {
  const topic = await createTopic(client, { name: "Thermodynamics" });
  const cards = [];
  for (let i = 0; i < n; i++) {
    cards.push(await createFlashcard(client, { topicId: topic.id, front: `Q${i}`, back: `A${i}` }));
  }
  return cards;
}

interface ReviewView {
  id: string;
  reviewedAt: string;
  quality: number;
  interval: number;
  easeFactor: number;
  repetitions: number;
}

async function reviewLog(client: GraphQLClient, id: string, page: object = {}) {
  const { flashcard } = await client.request<{ flashcard: { reviews: ReviewView[] } }>(
    `query ($id: ID!, $first: Int, $after: ID) { flashcard(id: $id) {
      reviews(first: $first, after: $after) { id quality interval easeFactor repetitions reviewedAt }
    } }`,
    { id, first: 20, ...page },
  );
  return flashcard.reviews;
}

interface Stats {
  days: number;
  reviews: number;
  retention: number | null;
  forecast: { date: string; count: number }[];
}

async function statsOf(client: GraphQLClient, userId: string, days: number): Promise<Stats> {
  const { _entities } = await client.request<{ _entities: { studyStats: Stats }[] }>(
    `query ($reps: [_Any!]!, $days: Int) { _entities(representations: $reps) {
      ... on User { studyStats(days: $days) { days reviews retention forecast { date count } } }
    } }`,
    { reps: [{ __typename: "User", id: userId }], days },
  );
  return (_entities[0] as { studyStats: Stats }).studyStats;
}

const utcDate = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

describe("Flashcard.reviews", () => {
  it("reads the review log oldest first, a page at a time", async () => {
    const ada = await newUser();
    const [card] = await cardsOf(ada.client, 1);
    if (!card) throw new Error("no card");
    for (const quality of [5, 4, 1]) {
      await reviewFlashcard(ada.client, { flashcardId: card.id, quality });
    }
    const log = await reviewLog(ada.client, card.id);
    expect(log.map(({ id: _, reviewedAt: __, ...review }) => review)).toEqual([
      { quality: 5, interval: 1, easeFactor: 2.6, repetitions: 1 },
      { quality: 4, interval: 6, easeFactor: 2.6, repetitions: 2 },
      { quality: 1, interval: 1, easeFactor: expect.closeTo(2.06, 10), repetitions: 0 },
    ]);
    const [first, second] = await reviewLog(ada.client, card.id, { first: 2 });
    expect([first?.id, second?.id]).toEqual([log[0]?.id, log[1]?.id]);
    expect(await reviewLog(ada.client, card.id, { after: second?.id })).toEqual([log[2]]);
  });

  it("refuses a page size outside 1–100 or a cursor from another card", async () => {
    const ada = await newUser();
    const [card, other] = await cardsOf(ada.client, 2);
    if (!card || !other) throw new Error("no card");
    await reviewFlashcard(ada.client, { flashcardId: other.id, quality: 3 });
    const [foreign] = await reviewLog(ada.client, other.id);
    for (const page of [{ first: 0 }, { first: 101 }, { after: foreign?.id }]) {
      await expect(errorCode(reviewLog(ada.client, card.id, page))).resolves.toBe("BAD_USER_INPUT");
    }
  });
});

describe("User.studyStats", () => {
  it("counts reviews and retention in the window and forecasts due cards per day", async () => {
    const ada = await newUser();
    const cards = await cardsOf(ada.client, 4);
    const [good, bad, fine] = cards;
    if (!good || !bad || !fine) throw new Error("no card");
    await reviewFlashcard(ada.client, { flashcardId: good.id, quality: 5 });
    await reviewFlashcard(ada.client, { flashcardId: bad.id, quality: 1 });
    await reviewFlashcard(ada.client, { flashcardId: fine.id, quality: 4 });
    // An answer from before the window: counted by a wider one only.
    await harness.subgraph.deps.db.insert(reviews).values({
      flashcardId: good.id,
      ownerId: ada.id,
      quality: 0,
      reviewedAt: new Date(Date.now() - 40 * DAY_MS),
      interval: 1,
      easeFactor: 2.5,
      repetitions: 0,
    });

    const month = await statsOf(ada.client, ada.id, 30);
    expect(month).toMatchObject({ days: 30, reviews: 3 });
    expect(month.retention).toBeCloseTo(2 / 3, 10);
    expect(month.forecast).toHaveLength(30);
    expect(month.forecast.slice(0, 3)).toEqual([
      { date: utcDate(0), count: 1 },
      { date: utcDate(1), count: 3 },
      { date: utcDate(2), count: 0 },
    ]);
    expect(month.forecast.reduce((sum, day) => sum + day.count, 0)).toBe(4);

    const wider = await statsOf(ada.client, ada.id, 60);
    expect(wider).toMatchObject({ reviews: 4, retention: 0.5 });
    expect(await statsOf(ada.client, ada.id, 1)).toMatchObject({
      reviews: 3,
      forecast: [{ date: utcDate(0), count: 1 }],
    });
  });

  it("answers null retention without reviews", async () => {
    const bo = await newUser();
    const stats = await statsOf(bo.client, bo.id, 7);
    expect(stats).toMatchObject({ days: 7, reviews: 0, retention: null });
    expect(stats.forecast.every((day) => day.count === 0)).toBe(true);
  });

  it("refuses a window outside 1–365 days, and other users' stats", async () => {
    const ada = await newUser();
    const bo = await newUser();
    for (const days of [0, 366, -1]) {
      await expect(errorCode(statsOf(ada.client, ada.id, days))).resolves.toBe("BAD_USER_INPUT");
    }
    await expect(errorCode(statsOf(bo.client, ada.id, 30))).resolves.toBe("NOT_FOUND");
  });
});

describe("study data of many users", () => {
  it("costs the same few SQL statements for 2 users as for 8", async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => newUser()));
    for (const user of users) {
      // One card reviewed, one still new and due: every field has rows to load.
      const [card] = await cardsOf(user.client, 2);
      if (card) await reviewFlashcard(user.client, { flashcardId: card.id, quality: 4 });
    }
    const admin = await harness.clientFor(randomUUID(), "ADMIN");
    const measure = (n: number) =>
      harness.countStatements(() =>
        admin.request(
          `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
            studyStats(days: 7) { reviews forecast { count } }
            studySettings { scheduler }
            dueFlashcards(limit: 5) { id reviews { quality } }
          } } }`,
          { reps: users.slice(0, n).map(({ id }) => ({ __typename: "User", id })) },
        ),
      );
    const few = await measure(2);
    expect(await measure(8)).toBe(few);
  });
});
