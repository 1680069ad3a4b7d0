import { randomUUID } from "node:crypto";
import { errorCode } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { count, eq, inArray } from "drizzle-orm";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flashcards, reviews, topics } from "./db/schema.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";
import {
  completeTopic,
  createFlashcard,
  createTopic,
  reviewFlashcard,
} from "./testing/operations.ts";
import { countOutboxEvents } from "./testing/outbox.ts";

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

const UPDATE_CARD = `mutation ($input: UpdateFlashcardInput!) {
  updateFlashcard(input: $input) { id front back repetitions interval nextReview }
}`;
const DELETE_CARD = "mutation ($id: ID!) { deleteFlashcard(id: $id) }";
const UPDATE_TOPIC = `mutation ($input: UpdateTopicInput!) {
  updateTopic(input: $input) { id name parent { id } }
}`;
const DELETE_TOPIC = "mutation ($id: ID!) { deleteTopic(id: $id) }";

interface CardText {
  id: string;
  front: string;
  back: string;
  repetitions: number;
  interval: number;
  nextReview: string;
}

async function newCard(client: GraphQLClient, topicId?: string) {
  const topic = topicId ? { id: topicId } : await createTopic(client, { name: "Tides" });
  const card = await createFlashcard(client, {
    topicId: topic.id,
    front: "What causes tides?",
    back: "The sun.",
  });
  return { topicId: topic.id, card };
}

async function rowsOf(table: typeof flashcards | typeof topics, ids: string[]): Promise<number> {
  const [row] = await db().select({ n: count() }).from(table).where(inArray(table.id, ids));
  return row?.n ?? 0;
}

async function reviewsOf(cardIds: string[]): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(reviews)
    .where(inArray(reviews.flashcardId, cardIds));
  return row?.n ?? 0;
}

describe("updateFlashcard", () => {
  it("corrects the text and keeps the schedule", async () => {
    const { card } = await newCard(asAda);
    const reviewed = await reviewFlashcard(asAda, { flashcardId: card.id, quality: 4 });
    const { updateFlashcard } = await asAda.request<{ updateFlashcard: CardText }>(UPDATE_CARD, {
      input: { id: card.id, back: "  Mostly the Moon's gravity.  " },
    });
    expect(updateFlashcard).toEqual({
      id: card.id,
      front: "What causes tides?",
      back: "Mostly the Moon's gravity.",
      repetitions: reviewed.repetitions,
      interval: reviewed.interval,
      nextReview: reviewed.nextReview,
    });
  });

  it("refuses empty or overlong text and changes nothing", async () => {
    const { card } = await newCard(asAda);
    for (const input of [{ front: "  " }, { back: "x".repeat(2001) }, { front: "x".repeat(501) }]) {
      const request = asAda.request(UPDATE_CARD, { input: { id: card.id, ...input } });
      await expect(errorCode(request)).resolves.toBe("BAD_USER_INPUT");
    }
    const [row] = await db().select().from(flashcards).where(eq(flashcards.id, card.id));
    expect(row).toMatchObject({ front: "What causes tides?", back: "The sun." });
  });
});

describe("deleteFlashcard", () => {
  it("removes the card and its review log, announces it and a fresh due count", async () => {
    const due = await harness.events.listen("learning.flashcards_due", ada);
    const deleted = await harness.events.listen("learning.flashcard_deleted", ada);
    const { topicId, card } = await newCard(asAda);
    await reviewFlashcard(asAda, { flashcardId: card.id, quality: 2 });
    const { deleteFlashcard } = await asAda.request<{ deleteFlashcard: boolean }>(DELETE_CARD, {
      id: card.id,
    });
    expect(deleteFlashcard).toBe(true);
    expect(await rowsOf(flashcards, [card.id])).toBe(0);
    expect(await reviewsOf([card.id])).toBe(0);
    const event = await waitFor(() => deleted.find((e) => e.data.flashcardId === card.id), {
      what: "the flashcard_deleted event",
    });
    expect(event.data).toEqual({ flashcardId: card.id, topicId });
    await waitFor(() => due.find((e) => !e.data.flashcardIds.includes(card.id)), {
      what: "a due notice without the card",
    });
    await expect(errorCode(asAda.request(DELETE_CARD, { id: card.id }))).resolves.toBe("NOT_FOUND");
  });
});

describe("updateTopic", () => {
  it("renames, moves under another topic and back to the top level", async () => {
    const a = await createTopic(asAda, { name: "Physics" });
    const b = await createTopic(asAda, { name: "Thermo" });
    const move = (input: object) =>
      asAda.request<{ updateTopic: { name: string; parent: { id: string } | null } }>(
        UPDATE_TOPIC,
        { input: { id: b.id, ...input } },
      );
    expect((await move({ name: " Thermodynamics " })).updateTopic).toMatchObject({
      name: "Thermodynamics",
      parent: null,
    });
    expect((await move({ parentId: a.id })).updateTopic.parent).toEqual({ id: a.id });
    expect((await move({ name: "Heat" })).updateTopic).toMatchObject({
      name: "Heat",
      parent: { id: a.id },
    });
    expect((await move({ parentId: null })).updateTopic.parent).toBeNull();
  });

  it("refuses to move a topic under itself or its own sub-topic", async () => {
    const root = await createTopic(asAda, { name: "Root" });
    const child = await createTopic(asAda, { name: "Child", parentId: root.id });
    const grandchild = await createTopic(asAda, { name: "Grandchild", parentId: child.id });
    for (const parentId of [root.id, grandchild.id]) {
      const request = asAda.request(UPDATE_TOPIC, { input: { id: root.id, parentId } });
      await expect(errorCode(request)).resolves.toBe("BAD_USER_INPUT");
    }
    const [row] = await db().select().from(topics).where(eq(topics.id, root.id));
    expect(row?.parentId).toBeNull();
  });
});

describe("deleteTopic", () => {
  it("removes the topic, its sub-topics at any depth, their cards and logs, in one event", async () => {
    const root = await createTopic(asAda, { name: "Course" });
    const chapter = await createTopic(asAda, { name: "Chapter", parentId: root.id });
    const section = await createTopic(asAda, { name: "Section", parentId: chapter.id });
    const sibling = await createTopic(asAda, { name: "Kept" });
    const cards = [
      (await newCard(asAda, root.id)).card,
      (await newCard(asAda, chapter.id)).card,
      (await newCard(asAda, section.id)).card,
      (await newCard(asAda, section.id)).card,
    ];
    const kept = (await newCard(asAda, sibling.id)).card;
    for (const card of [...cards, kept]) {
      await reviewFlashcard(asAda, { flashcardId: card.id, quality: 4 });
    }
    await completeTopic(asAda, section.id);
    const deleted = await harness.events.listen("learning.topic_deleted", ada);

    const { deleteTopic } = await asAda.request<{ deleteTopic: boolean }>(DELETE_TOPIC, {
      id: root.id,
    });
    expect(deleteTopic).toBe(true);
    const ids = cards.map((card) => card.id);
    expect(await rowsOf(topics, [root.id, chapter.id, section.id])).toBe(0);
    expect(await rowsOf(flashcards, ids)).toBe(0);
    expect(await reviewsOf(ids)).toBe(0);
    expect(await rowsOf(topics, [sibling.id])).toBe(1);
    expect(await reviewsOf([kept.id])).toBe(1);

    const event = await waitFor(() => deleted.find((e) => e.data.topicIds[0] === root.id), {
      what: "the topic_deleted event",
    });
    expect(event.data).toEqual({
      topicIds: [root.id, chapter.id, section.id],
      completedTopicIds: [section.id],
      flashcardCount: 4,
    });
    expect(await countOutboxEvents(db(), "learning.topic_deleted", "flashcardCount", "4")).toBe(1);
  });
});

describe("another user's cards and topics", () => {
  it("answer NOT_FOUND to every edit and delete, and stay as they were", async () => {
    const { topicId, card } = await newCard(asAda);
    const own = await createTopic(asBob, { name: "Bob's" });
    const attempts = [
      () => asBob.request(UPDATE_CARD, { input: { id: card.id, front: "Hacked?" } }),
      () => asBob.request(DELETE_CARD, { id: card.id }),
      () => asBob.request(UPDATE_TOPIC, { input: { id: topicId, name: "Hacked" } }),
      () => asBob.request(UPDATE_TOPIC, { input: { id: own.id, parentId: topicId } }),
      () => asBob.request(DELETE_TOPIC, { id: topicId }),
      () => asBob.request(DELETE_TOPIC, { id: "not-a-uuid" }),
    ];
    for (const attempt of attempts) await expect(errorCode(attempt())).resolves.toBe("NOT_FOUND");
    const [row] = await db().select().from(flashcards).where(eq(flashcards.id, card.id));
    expect(row?.front).toBe("What causes tides?");
    expect(await rowsOf(topics, [topicId])).toBe(1);
    expect(await countOutboxEvents(db(), "learning.topic_deleted", "flashcardCount", "1")).toBe(0);
  });
});
