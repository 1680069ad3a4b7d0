import { randomUUID } from "node:crypto";
import { buildEvent, type EventEnvelope } from "@kai/events";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics } from "./db/schema.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";
import { countOutboxEvents } from "./testing/outbox.ts";

const PROSE = `Photosynthesis is the process by which green plants turn light energy into chemical
energy. It takes place in the chloroplasts, which contain the green pigment chlorophyll. During
photosynthesis, plants absorb carbon dioxide from the air and water from the soil. The
light-dependent reactions split water molecules and release oxygen as a by-product. The Calvin
cycle then uses the energy stored in ATP and NADPH to build glucose from carbon dioxide. Glucose
is used by the plant for energy and to build cellulose for its cell walls.`;

const DURABLE = "learning-cards-from-captures";

let harness: LearningHarness;
const ada = randomUUID();
let asAda: GraphQLClient;
let processed: EventEnvelope<"learning.capture_processed">[];

beforeAll(async () => {
  harness = await startLearningHarness();
  asAda = await harness.clientFor(ada);
  processed = await harness.events.listen("learning.capture_processed", ada);
});

afterAll(async () => {
  await harness?.dispose();
});

const captureCreated = (content: string, captureId: string = randomUUID()) =>
  buildEvent("captures.capture_created", ada, {
    captureId,
    type: "TEXT",
    content,
    source: null,
    tags: [],
  });

const outcomeOf = (captureId: string) =>
  waitFor(() => processed.find((event) => event.data.captureId === captureId), {
    what: `learning.capture_processed for ${captureId}`,
  });

/** Resolves once the consumer has settled every message the stream holds. */
async function consumerIdle(): Promise<void> {
  const { jsm } = harness.subgraph.deps.nats;
  await waitFor(
    async () => {
      const [stream, consumer] = await Promise.all([
        jsm.streams.info("CAPTURES"),
        jsm.consumers.info("CAPTURES", DURABLE),
      ]);
      const settled =
        consumer.ack_floor.stream_seq === stream.state.last_seq && consumer.num_ack_pending === 0;
      return settled || undefined;
    },
    { what: "the capture consumer to settle" },
  );
}

async function topicsOfCapture(captureId: string) {
  return harness.subgraph.deps.db.select().from(topics).where(eq(topics.captureId, captureId));
}

const processedEvents = (captureId: string) =>
  countOutboxEvents(harness.subgraph.deps.db, "learning.capture_processed", "captureId", captureId);

interface CaptureView {
  topic: {
    id: string;
    name: string;
    capture: { id: string };
    flashcards: { front: string }[];
  } | null;
  flashcards: { id: string }[];
}

async function captureAs(
  client: GraphQLClient,
  captureId: string,
): Promise<CaptureView | undefined> {
  const { _entities } = await client.request<{ _entities: CaptureView[] }>(
    `query ($refs: [_Any!]!) { _entities(representations: $refs) { ... on Capture {
      topic { id name capture { id } flashcards { front } } flashcards { id }
    } } }`,
    { refs: [{ __typename: "Capture", id: captureId }] },
  );
  return _entities[0];
}

describe("captures.capture_created", () => {
  it("turns prose into a topic with 3 to 5 cards and reports PROCESSED", async () => {
    const event = captureCreated(PROSE);
    await harness.events.publish(event);
    const outcome = await outcomeOf(event.data.captureId);

    expect(outcome.data).toMatchObject({ status: "PROCESSED", reason: null });
    expect(outcome.data.flashcardCount).toBeGreaterThanOrEqual(3);
    expect(outcome.data.flashcardCount).toBeLessThanOrEqual(5);
    const capture = await captureAs(asAda, event.data.captureId);
    expect(capture?.topic).toMatchObject({
      id: outcome.data.topicId,
      name: "Photosynthesis",
      capture: { id: event.data.captureId },
    });
    expect(capture?.topic?.flashcards).toHaveLength(outcome.data.flashcardCount);
    expect(capture?.flashcards).toHaveLength(outcome.data.flashcardCount);
  });

  it("makes a topic of the one or two cards a two-sentence capture holds", async () => {
    const event = captureCreated(
      "Entropy is a measure of disorder in a system. It always increases in an isolated system.",
    );
    await harness.events.publish(event);
    const outcome = await outcomeOf(event.data.captureId);

    expect(outcome.data).toMatchObject({ status: "PROCESSED", flashcardCount: 2, reason: null });
    const capture = await captureAs(asAda, event.data.captureId);
    expect(capture?.topic?.name).toBe("Entropy");
    expect(capture?.topic?.flashcards.map((card) => card.front)).toEqual([
      "What is entropy?",
      "Entropy always increases in an isolated _____.",
    ]);
  });

  it("makes a one-card topic of a single definition", async () => {
    const event = captureCreated("Entropy is a measure of disorder.");
    await harness.events.publish(event);
    const outcome = await outcomeOf(event.data.captureId);
    expect(outcome.data).toMatchObject({ status: "PROCESSED", flashcardCount: 1 });
  });

  it("reports FAILED with a readable reason and makes nothing from one word", async () => {
    const event = captureCreated("Photosynthesis");
    await harness.events.publish(event);
    const outcome = await outcomeOf(event.data.captureId);

    expect(outcome.data).toEqual({
      captureId: event.data.captureId,
      status: "FAILED",
      topicId: null,
      flashcardCount: 0,
      reason:
        "This capture has too little text to make flashcards from: Kai found no definition, list or key fact in it",
      generator: "offline",
      note: null,
      aiCost: 0,
    });
    expect(await topicsOfCapture(event.data.captureId)).toEqual([]);
    expect(await captureAs(asAda, event.data.captureId)).toEqual({ topic: null, flashcards: [] });
  });

  it("makes one topic from an event delivered twice", async () => {
    const event = captureCreated(PROSE);
    // Two stream messages (distinct msgIDs defeat JetStream's dedupe), as a redelivery would be.
    await harness.events.publish(event, `${event.id}-first`);
    await harness.events.publish(event, `${event.id}-again`);
    await outcomeOf(event.data.captureId);
    await consumerIdle();
    expect(await topicsOfCapture(event.data.captureId)).toHaveLength(1);
    expect(await processedEvents(event.data.captureId)).toBe(1);
  });

  it("makes one topic from one capture announced twice under two event ids", async () => {
    const first = captureCreated(PROSE);
    const second = captureCreated(PROSE, first.data.captureId);
    await harness.events.publish(first);
    await harness.events.publish(second);
    await outcomeOf(first.data.captureId);
    await consumerIdle();
    expect(await topicsOfCapture(first.data.captureId)).toHaveLength(1);
    expect(await processedEvents(first.data.captureId)).toBe(1);
  });

  it("shows another user's capture as having no topic and no cards", async () => {
    const event = captureCreated(PROSE);
    await harness.events.publish(event);
    await outcomeOf(event.data.captureId);
    const bob = await harness.clientFor(randomUUID());
    expect(await captureAs(bob, event.data.captureId)).toEqual({ topic: null, flashcards: [] });
  });
});
