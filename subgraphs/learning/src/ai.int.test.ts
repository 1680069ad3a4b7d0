import { randomUUID } from "node:crypto";
import { buildEvent, type EventEnvelope } from "@kai/events";
import { errorCode } from "@kai/runtime/testing";
import { type GeminiStub, startGeminiStub, waitFor } from "@kai/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertAiCall } from "./db/ai-calls.repo.ts";
import { BUDGET_NOTE, UNAVAILABLE_NOTE } from "./generation/gemini-card-generator.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";
import { createFlashcard, createTopic } from "./testing/operations.ts";

const PRIMARY = "primary-model";
const FALLBACK = "fallback-model";
const PROSE = `Tides are the regular rise and fall of the sea. They are caused mainly by the Moon's
gravity pulling on the oceans, and to a lesser degree by the Sun's. Most coasts see two high tides
and two low tides every lunar day of about 24 hours and 50 minutes.`;
const DECK = {
  topicName: "Tides",
  cards: [
    { front: "What causes tides?", back: "Mainly the Moon's gravity." },
    { front: "How many high tides does a coast usually get per lunar day?", back: "Two." },
    { front: "How long is a lunar day?", back: "About 24 hours and 50 minutes." },
  ],
};
const answer = (value: unknown, promptTokens = 321, outputTokens = 123) => ({
  text: JSON.stringify(value),
  promptTokens,
  outputTokens,
});
/** The default price ("*": 0.30 and 2.50 USD per million tokens) of one such answer. */
const COST = (321 * 0.3 + 123 * 2.5) / 1e6;

let stub: GeminiStub;
let harness: LearningHarness;

beforeAll(async () => {
  stub = await startGeminiStub();
  harness = await startLearningHarness({
    GEMINI_API_KEY: "test-key",
    GEMINI_BASE_URL: stub.url,
    GEMINI_MODEL: PRIMARY,
    GEMINI_FALLBACK_MODEL: FALLBACK,
    GEMINI_RETRY_BASE_MS: "5",
    GEMINI_MAX_INPUT_CHARS: "500",
    AI_DAILY_BUDGET_USD: "0.01",
  });
});
afterAll(async () => {
  await harness?.dispose();
  await stub?.dispose();
});
beforeEach(() => {
  stub.requests.length = 0;
});

async function newUser() {
  const id = randomUUID();
  return {
    id,
    client: await harness.clientFor(id),
    processed: await harness.events.listen("learning.capture_processed", id),
  };
}
type User = Awaited<ReturnType<typeof newUser>>;

async function capture(
  user: User,
  content = PROSE,
): Promise<EventEnvelope<"learning.capture_processed">> {
  const event = buildEvent("captures.capture_created", user.id, {
    captureId: randomUUID(),
    type: "TEXT",
    content,
    source: null,
    tags: [],
  });
  await harness.events.publish(event);
  return waitFor(() => user.processed.find((e) => e.data.captureId === event.data.captureId), {
    what: "learning.capture_processed",
  });
}

interface TopicView {
  name: string;
  parent: { id: string } | null;
  flashcards: { front: string; back: string }[];
}

async function topicOf(user: User, topicId: string | null): Promise<TopicView> {
  const { topic } = await user.client.request<{ topic: TopicView }>(
    "query ($id: ID!) { topic(id: $id) { name parent { id } flashcards { front back } } }",
    { id: topicId },
  );
  return topic;
}

async function usageOf(user: User, client = user.client, period = "DAY") {
  const { _entities } = await client.request<{ _entities: { aiUsage: unknown }[] }>(
    `query ($refs: [_Any!]!, $period: AiUsagePeriod) { _entities(representations: $refs) {
      ... on User { aiUsage(period: $period) { calls promptTokens outputTokens estimatedCost } } } }`,
    { refs: [{ __typename: "User", id: user.id }], period },
  );
  return _entities[0]?.aiUsage;
}

describe("cards from Gemini", () => {
  it("stores the model's cards, names the generator and books the call", async () => {
    const ada = await newUser();
    stub.enqueue(PRIMARY, answer(DECK));
    const outcome = await capture(ada);

    expect(outcome.data).toMatchObject({
      status: "PROCESSED",
      flashcardCount: 3,
      generator: "gemini",
      note: null,
    });
    expect(await topicOf(ada, outcome.data.topicId)).toEqual({
      name: "Tides",
      parent: null,
      flashcards: DECK.cards,
    });
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.prompt).toContain("Moon's\ngravity");
    const usage = (await usageOf(ada)) as { estimatedCost: number };
    expect(usage).toMatchObject({ calls: 1, promptTokens: 321, outputTokens: 123 });
    expect(usage.estimatedCost).toBeCloseTo(COST, 12);
    // What analytics adds up as AI cost: the capture's share of the ledger.
    expect(outcome.data.aiCost).toBeCloseTo(COST, 12);
  });

  it("puts a capture on a subject the user already has under that topic", async () => {
    const ada = await newUser();
    const first = await createTopic(ada.client, { name: "The Tides" });
    stub.enqueue(PRIMARY, answer(DECK));
    const outcome = await capture(ada);
    expect((await topicOf(ada, outcome.data.topicId)).parent).toEqual({ id: first.id });
  });

  it("splits a long capture into chunks and drops cards repeated between them", async () => {
    const ada = await newUser();
    const paragraph = (n: number) => `${PROSE.replaceAll("\n", " ")} Part ${n}.`;
    const long = [1, 2, 3].map(paragraph).join("\n\n");
    const [one, two, three] = DECK.cards;
    const sun = { front: "What pulls on the oceans besides the Moon?", back: "The Sun." };
    const spring = { front: "What is a spring tide?", back: "A very high tide." };
    stub.enqueue(
      PRIMARY,
      answer(DECK),
      answer({ topicName: "Tide cycles", cards: [{ ...one, back: "The Moon." }, spring, sun] }),
      answer({ topicName: "More", cards: [] }),
    );
    const outcome = await capture(ada, long);

    expect(stub.requests).toHaveLength(3);
    expect(stub.requests.every((request) => request.prompt.length < 2_000)).toBe(true);
    const topic = await topicOf(ada, outcome.data.topicId);
    expect(topic.name).toBe("Tides");
    expect(topic.flashcards.map((card) => card.front)).toEqual(
      [one, two, spring, three, sun].map((card) => card?.front),
    );
  });

  it("falls back to the offline generator, and says so, when no model answers", async () => {
    const ada = await newUser();
    stub.enqueue("*", ...Array.from({ length: 6 }, () => ({ status: 503 })));
    const outcome = await capture(ada);

    expect(outcome.data).toMatchObject({
      status: "PROCESSED",
      generator: "offline",
      note: UNAVAILABLE_NOTE,
    });
    expect(stub.requests.map((request) => request.model)).toEqual([
      PRIMARY,
      PRIMARY,
      PRIMARY,
      FALLBACK,
      FALLBACK,
      FALLBACK,
    ]);
    expect(await usageOf(ada)).toMatchObject({ calls: 6, promptTokens: 0, estimatedCost: 0 });
  });

  it("fails a capture the model finds nothing in, with a reason", async () => {
    const ada = await newUser();
    stub.enqueue(PRIMARY, answer({ topicName: "Nothing", cards: [] }));
    const outcome = await capture(ada, "qwe rty uio pas dfg hjk lzx cvb nm qwe rty");
    expect(outcome.data).toMatchObject({ status: "FAILED", topicId: null, generator: "gemini" });
    expect(outcome.data.reason).toMatch(/too little text/);
  });

  it("does not ask the model about a capture that is only a link", async () => {
    const ada = await newUser();
    const outcome = await capture(ada, "https://en.wikipedia.org/wiki/Tide");
    expect(outcome.data).toMatchObject({ status: "FAILED", generator: "offline" });
    expect(stub.requests).toEqual([]);
  });

  it("uses the offline generator once the user's daily budget is spent", async () => {
    const ada = await newUser();
    await insertAiCall(harness.subgraph.deps.db, {
      ownerId: ada.id,
      purpose: "cards",
      model: PRIMARY,
      promptTokens: 1,
      outputTokens: 1,
      latencyMs: 1,
      outcome: "ok",
      estimatedCost: 0.02,
    });
    const outcome = await capture(ada);
    expect(outcome.data).toMatchObject({
      status: "PROCESSED",
      generator: "offline",
      note: BUDGET_NOTE,
    });
    expect(stub.requests).toEqual([]);
  });
});

const GENERATE = `mutation ($id: ID!) { generateSyllabus(topicId: $id) {
  version generator model topic { id } sections { position title goals } } }`;

describe("generateSyllabus", () => {
  const OUTLINE = {
    sections: [
      { title: "What tides are", goals: ["Explain what causes tides"] },
      { title: "Tidal cycles", goals: ["Name the two daily tides", "Explain a spring tide"] },
    ],
  };

  it("stores Gemini's outline, then a new version on regeneration", async () => {
    const ada = await newUser();
    const topic = await createTopic(ada.client, { name: "Tides" });
    await createFlashcard(ada.client, {
      topicId: topic.id,
      front: "What causes tides?",
      back: "The Moon.",
    });
    stub.enqueue(PRIMARY, answer(OUTLINE, 200, 100));
    const first = await ada.client.request<{ generateSyllabus: unknown }>(GENERATE, {
      id: topic.id,
    });
    expect(first.generateSyllabus).toEqual({
      version: 1,
      generator: "GEMINI",
      model: PRIMARY,
      topic: { id: topic.id },
      sections: OUTLINE.sections.map((section, index) => ({ position: index + 1, ...section })),
    });
    expect(stub.requests[0]?.prompt).toContain("Card: What causes tides? — The Moon.");

    stub.enqueue("*", { status: 400 }, { status: 400 });
    const second = await ada.client.request<{ generateSyllabus: { version: number } }>(GENERATE, {
      id: topic.id,
    });
    expect(second.generateSyllabus).toMatchObject({
      version: 2,
      generator: "OFFLINE",
      model: null,
    });
    const { topic: stored } = await ada.client.request<{ topic: { syllabus: unknown } }>(
      "query ($id: ID!) { topic(id: $id) { syllabus { version generator } } }",
      { id: topic.id },
    );
    expect(stored.syllabus).toEqual({ version: 2, generator: "OFFLINE" });
    expect(await usageOf(ada)).toMatchObject({ calls: 3, promptTokens: 200, outputTokens: 100 });
  });

  it("answers NOT_FOUND for another user's topic and calls no model", async () => {
    const ada = await newUser();
    const bob = await newUser();
    const topic = await createTopic(ada.client, { name: "Private" });
    for (const id of [topic.id, randomUUID(), "nope"])
      await expect(errorCode(bob.client.request(GENERATE, { id }))).resolves.toBe("NOT_FOUND");
    expect(stub.requests).toEqual([]);
    expect(await usageOf(bob)).toMatchObject({ calls: 0 });
  });
});

describe("AI usage", () => {
  it("is the user's own (or an admin's) to see", async () => {
    const ada = await newUser();
    const bob = await newUser();
    await expect(errorCode(usageOf(ada, bob.client))).resolves.toBe("NOT_FOUND");
    const admin = await harness.clientFor(randomUUID(), "ADMIN");
    await expect(usageOf(ada, admin, "ALL")).resolves.toEqual({
      calls: 0,
      promptTokens: 0,
      outputTokens: 0,
      estimatedCost: 0,
    });
  });

  it("is reported per model and day to admins only", async () => {
    const ada = await newUser();
    stub.enqueue(PRIMARY, answer(DECK));
    await capture(ada);
    const report = `query ($days: Int) { aiUsageReport(days: $days) {
      day model calls failedCalls promptTokens outputTokens estimatedCost } }`;
    await expect(errorCode(ada.client.request(report, { days: 7 }))).resolves.toBe("FORBIDDEN");
    const admin = await harness.clientFor(randomUUID(), "ADMIN");
    await expect(errorCode(admin.request(report, { days: 0 }))).resolves.toBe("BAD_USER_INPUT");
    const { aiUsageReport } = await admin.request<{
      aiUsageReport: { day: string; model: string; calls: number; promptTokens: number }[];
    }>(report, { days: 1 });
    const today = new Date().toISOString().slice(0, 10);
    const primary = aiUsageReport.find((row) => row.model === PRIMARY);
    expect(aiUsageReport.every((row) => row.day === today)).toBe(true);
    expect(primary?.calls).toBeGreaterThanOrEqual(1);
    expect(primary?.promptTokens).toBeGreaterThanOrEqual(321);
  });
});
