import { randomUUID } from "node:crypto";
import { errorCode } from "@kai/runtime/testing";
import { eq, inArray } from "drizzle-orm";
import type { GraphQLClient } from "graphql-request";
import { createEmptyCard, type Card as FsrsCard, fsrs } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flashcards } from "./db/schema.ts";
import { gradeOf } from "./domain/fsrs.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";
import { createFlashcard, createTopic } from "./testing/operations.ts";

let harness: LearningHarness;

beforeAll(async () => {
  harness = await startLearningHarness();
});

afterAll(async () => {
  await harness?.dispose();
});

const db = () => harness.subgraph.deps.db;

async function newUser() {
  const id = randomUUID();
  return { id, client: await harness.clientFor(id) };
}

interface Settings {
  scheduler: "SM2" | "FSRS";
  desiredRetention: number;
  dailyNewLimit: number;
  dailyReviewLimit: number;
}
const SETTINGS = "scheduler desiredRetention dailyNewLimit dailyReviewLimit";

async function settingsOf(client: GraphQLClient, userId: string): Promise<Settings> {
  const { _entities } = await client.request<{ _entities: { studySettings: Settings }[] }>(
    `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { studySettings { ${SETTINGS} } } } }`,
    { reps: [{ __typename: "User", id: userId }] },
  );
  return (_entities[0] as { studySettings: Settings }).studySettings;
}

async function update(client: GraphQLClient, input: Partial<Settings>): Promise<Settings> {
  const { updateStudySettings } = await client.request<{ updateStudySettings: Settings }>(
    `mutation ($input: UpdateStudySettingsInput!) { updateStudySettings(input: $input) { ${SETTINGS} } }`,
    { input },
  );
  return updateStudySettings;
}

interface Reviewed {
  nextReview: string;
  interval: number;
  easeFactor: number;
  repetitions: number;
  stability: number | null;
  difficulty: number | null;
  lastReviewedAt: string;
}

async function review(client: GraphQLClient, flashcardId: string, quality: number) {
  const { reviewFlashcard } = await client.request<{ reviewFlashcard: Reviewed }>(
    `mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) {
      nextReview interval easeFactor repetitions stability difficulty lastReviewedAt
    } }`,
    { input: { flashcardId, quality } },
  );
  return reviewFlashcard;
}

async function newCard(client: GraphQLClient, topicId?: string) {
  const topic = topicId ?? (await createTopic(client, { name: "Entropy" })).id;
  const card = await createFlashcard(client, { topicId: topic, front: "Q", back: "A" });
  const [row] = await db().select().from(flashcards).where(eq(flashcards.id, card.id));
  if (!row) throw new Error("no card row");
  return row;
}

/** What ts-fsrs itself makes of these answers, from a new card. */
function reference(createdAt: Date, answers: { quality: number; at: Date }[], retention: number) {
  const scheduler = fsrs({ request_retention: retention });
  return answers.reduce<FsrsCard>(
    (card, { quality, at }) => scheduler.next(card, at, gradeOf(quality)).card,
    createEmptyCard(createdAt),
  );
}

describe("studySettings", () => {
  it("starts at SM-2 with Kai's defaults and changes only what is given", async () => {
    const ada = await newUser();
    expect(await settingsOf(ada.client, ada.id)).toEqual({
      scheduler: "SM2",
      desiredRetention: 0.9,
      dailyNewLimit: 20,
      dailyReviewLimit: 200,
    });
    expect(await update(ada.client, { scheduler: "FSRS", desiredRetention: 0.85 })).toEqual({
      scheduler: "FSRS",
      desiredRetention: 0.85,
      dailyNewLimit: 20,
      dailyReviewLimit: 200,
    });
    await update(ada.client, { dailyNewLimit: 5 });
    expect(await settingsOf(ada.client, ada.id)).toMatchObject({
      scheduler: "FSRS",
      dailyNewLimit: 5,
    });
  });

  it("refuses values out of range and other users' settings", async () => {
    const ada = await newUser();
    const bo = await newUser();
    for (const input of [
      { desiredRetention: 0.5 },
      { desiredRetention: 1 },
      { dailyNewLimit: -1 },
      { dailyNewLimit: 1001 },
      { dailyReviewLimit: 10_001 },
      { dailyReviewLimit: 2.5 },
    ]) {
      await expect(errorCode(update(ada.client, input))).resolves.toBe("BAD_USER_INPUT");
    }
    expect(await settingsOf(ada.client, ada.id)).toMatchObject({ dailyNewLimit: 20 });
    await expect(errorCode(settingsOf(bo.client, ada.id))).resolves.toBe("NOT_FOUND");
  });
});

describe("FSRS scheduling", () => {
  it("schedules exactly as ts-fsrs does, at the learner's desired retention", async () => {
    const ada = await newUser();
    await update(ada.client, { scheduler: "FSRS", desiredRetention: 0.85 });
    const card = await newCard(ada.client);
    const answers: { quality: number; at: Date }[] = [];
    for (const quality of [4, 5, 3]) {
      const reviewed = await review(ada.client, card.id, quality);
      answers.push({ quality, at: new Date(reviewed.lastReviewedAt) });
      const expected = reference(card.createdAt, answers, 0.85);
      expect(new Date(reviewed.nextReview)).toEqual(expected.due);
      expect(reviewed.interval).toBe(expected.scheduled_days);
      expect(reviewed.stability).toBe(expected.stability);
      expect(reviewed.difficulty).toBe(expected.difficulty);
    }
  });

  it("keeps a card's history when the scheduler is switched, both ways", async () => {
    const ada = await newUser();
    const card = await newCard(ada.client);
    const answers: { quality: number; at: Date }[] = [];
    const answer = async (quality: number) => {
      const reviewed = await review(ada.client, card.id, quality);
      answers.push({ quality, at: new Date(reviewed.lastReviewedAt) });
      return reviewed;
    };
    const sm2First = await answer(5);
    expect(sm2First).toMatchObject({ repetitions: 1, interval: 1, easeFactor: 2.6 });
    const sm2Second = await answer(4);
    expect(sm2Second).toMatchObject({ repetitions: 2, interval: 6 });
    // As for a card reviewed before Kai kept FSRS state: rebuilt from the review log.
    await db().update(flashcards).set({ fsrs: null }).where(eq(flashcards.id, card.id));

    await update(ada.client, { scheduler: "FSRS" });
    const underFsrs = await answer(4);
    const expected = reference(card.createdAt, answers, 0.9);
    expect(new Date(underFsrs.nextReview)).toEqual(expected.due);
    expect(underFsrs.stability).toBe(expected.stability);
    expect(underFsrs.repetitions).toBe(3);

    await update(ada.client, { scheduler: "SM2" });
    const backToSm2 = await answer(5);
    expect(backToSm2.repetitions).toBe(4);
    expect(backToSm2.interval).toBe(Math.round(underFsrs.interval * underFsrs.easeFactor));
    expect(backToSm2.easeFactor).toBeCloseTo(underFsrs.easeFactor + 0.1, 10);
    // FSRS's memory went on under SM-2 too.
    expect(backToSm2.stability).toBe(reference(card.createdAt, answers, 0.9).stability);
  });
});

describe("daily limits", () => {
  const QUEUE = `query ($topicId: ID, $limit: Int) { studyQueue(topicId: $topicId, limit: $limit) { id } }`;
  const DUE = "query ($limit: Int) { dueFlashcards(limit: $limit) { id } }";
  const idsOf = (cards: { id: string }[]) => cards.map((card) => card.id);

  it("hold dueFlashcards and studyQueue to what is left of today's new cards and reviews", async () => {
    const ada = await newUser();
    await update(ada.client, { dailyNewLimit: 3, dailyReviewLimit: 1 });
    const course = (await createTopic(ada.client, { name: "Course" })).id;
    const chapter = (await createTopic(ada.client, { name: "Chapter", parentId: course })).id;
    const other = (await createTopic(ada.client, { name: "Other" })).id;
    const a = [await newCard(ada.client, course), await newCard(ada.client, course)];
    const b = await newCard(ada.client, chapter);
    const c = await newCard(ada.client, other);
    const due = async (limit = 10) =>
      idsOf(
        (await ada.client.request<{ dueFlashcards: { id: string }[] }>(DUE, { limit }))
          .dueFlashcards,
      );
    const queue = async (topicId?: string, limit = 10) =>
      idsOf(
        (await ada.client.request<{ studyQueue: { id: string }[] }>(QUEUE, { topicId, limit }))
          .studyQueue,
      );

    expect(await due()).toEqual([a[0]?.id, a[1]?.id, b.id]);
    expect(await queue()).toEqual([a[0]?.id, a[1]?.id, b.id]);
    expect(await queue(chapter)).toEqual([b.id]);
    expect(await queue(other)).toEqual([c.id]);
    expect(await queue(course, 2)).toEqual([a[0]?.id, a[1]?.id]);

    // Two new cards studied today, then both due again: one review and one new card are left.
    await review(ada.client, a[0]?.id ?? "", 5);
    await review(ada.client, a[1]?.id ?? "", 5);
    const ids = a.map((card) => card.id);
    await db()
      .update(flashcards)
      .set({ nextReview: new Date(Date.now() - 60_000) })
      .where(inArray(flashcards.id, ids));
    const left = await due();
    expect(left).toHaveLength(2);
    expect(left.filter((id) => ids.includes(id))).toHaveLength(1);
    expect(left).toContain(b.id);

    await update(ada.client, { dailyNewLimit: 10, dailyReviewLimit: 10 });
    expect(new Set(await due())).toEqual(new Set([...ids, b.id, c.id]));
  });

  it("refuses a limit outside 1–100 and another user's topic", async () => {
    const ada = await newUser();
    const bo = await newUser();
    const topic = (await createTopic(ada.client, { name: "Mine" })).id;
    for (const limit of [0, 101]) {
      await expect(errorCode(ada.client.request(QUEUE, { limit }))).resolves.toBe("BAD_USER_INPUT");
    }
    for (const topicId of [topic, randomUUID(), "nope"]) {
      await expect(errorCode(bo.client.request(QUEUE, { topicId }))).resolves.toBe("NOT_FOUND");
    }
  });
});
