import { randomUUID } from "node:crypto";
import { buildEvent, type EventData, type EventEnvelope } from "@kai/events";
import { waitFor } from "@kai/testkit";
import type { GraphQLClient } from "graphql-request";
import type { JetStreamManager, Msg, NatsConnection, Subscription } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CapturesHarness, startCapturesHarness } from "../testing/harness.ts";

const DURABLE = "captures-status-from-learning";

let harness: CapturesHarness;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  harness = await startCapturesHarness();
  nc = harness.events.nc;
  jsm = await nc.jetstreamManager();
});

afterAll(() => harness?.dispose());

interface CaptureState {
  status: string;
  failureReason: string | null;
  metadata: Record<string, unknown>;
  updatedAt: string;
}

async function createCapture(client: GraphQLClient, content = "Spaced repetition works") {
  const { createCapture } = await client.request<{ createCapture: { id: string } }>(
    `mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { id } }`,
    { input: { type: "TEXT", content, source: "notes app", tags: ["Memory"] } },
  );
  return createCapture.id;
}

async function stateOf(client: GraphQLClient, id: string): Promise<CaptureState> {
  const { capture } = await client.request<{ capture: CaptureState }>(
    `query ($id: ID!) { capture(id: $id) { status failureReason metadata updatedAt } }`,
    { id },
  );
  return capture;
}

/**
 * Publishes the event and waits until our consumer has settled it. `msgID` is the event id
 * unless given, so a test can get a redelivery past JetStream's own deduplication.
 */
async function deliver(
  event: EventEnvelope<"learning.capture_processed">,
  msgID = event.id,
): Promise<void> {
  const ack = await harness.events.publish(event, msgID);
  await waitFor(
    async () => {
      const info = await jsm.consumers.info("LEARNING", DURABLE);
      return info.ack_floor.stream_seq >= ack.seq || undefined;
    },
    { what: `consumer to settle message ${ack.seq}` },
  );
}

async function firstMessage(subscription: Subscription): Promise<Msg> {
  for await (const message of subscription) return message;
  throw new Error(`no message on ${subscription.getSubject()}`);
}

const processed = (
  userId: string,
  data: Partial<EventData<"learning.capture_processed">> & { captureId: string },
) =>
  buildEvent("learning.capture_processed", userId, {
    status: "PROCESSED",
    topicId: randomUUID(),
    flashcardCount: 4,
    reason: null,
    ...data,
  });

describe("captures.capture_created", () => {
  it("is published with the envelope on the owner's subject", async () => {
    const { userId, client } = await harness.signIn();
    const subscription = nc.subscribe("captures.capture_created.>", { max: 1, timeout: 10_000 });
    await nc.flush();
    const captureId = await createCapture(client);
    const message = await firstMessage(subscription);
    expect(message.subject).toBe(`captures.capture_created.${userId}`);
    expect(message.json()).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: "captures.capture_created",
      version: 1,
      occurredAt: expect.any(String),
      userId,
      data: {
        captureId,
        type: "TEXT",
        content: "Spaced repetition works",
        source: "notes app",
        tags: ["memory"],
      },
    });
  });
});

describe("learning.capture_processed", () => {
  it("marks the capture PROCESSED with the topic and card count, exactly once", async () => {
    const { userId, client } = await harness.signIn();
    const captureId = await createCapture(client);
    const event = processed(userId, { captureId });
    await deliver(event);
    const after = await stateOf(client, captureId);
    expect(after).toMatchObject({
      status: "PROCESSED",
      failureReason: null,
      metadata: { wordCount: 3, topicId: event.data.topicId, flashcardCount: 4 },
    });

    await deliver(event, `${event.id}:redelivered`);
    expect(await stateOf(client, captureId)).toEqual(after);
  });

  it("marks the capture FAILED with the reason", async () => {
    const { userId, client } = await harness.signIn();
    const captureId = await createCapture(client, "Hello.");
    await deliver(
      processed(userId, {
        captureId,
        status: "FAILED",
        topicId: null,
        flashcardCount: 0,
        reason: "Too little text to learn from",
      }),
    );
    expect(await stateOf(client, captureId)).toMatchObject({
      status: "FAILED",
      failureReason: "Too little text to learn from",
      metadata: { topicId: null, flashcardCount: 0 },
    });
  });

  it("keeps what made the cards and the owner's note in the metadata", async () => {
    const { userId, client } = await harness.signIn();
    const captureId = await createCapture(client);
    const note = "Your daily AI budget is spent; the offline generator made these cards.";
    await deliver(processed(userId, { captureId, generator: "offline", note }));
    expect(await stateOf(client, captureId)).toMatchObject({
      status: "PROCESSED",
      metadata: { wordCount: 3, flashcardCount: 4, generator: "offline", note },
    });
  });

  it("ignores an event naming another user's capture, and unknown captures", async () => {
    const { client } = await harness.signIn();
    const captureId = await createCapture(client);
    const before = await stateOf(client, captureId);
    await deliver(processed(randomUUID(), { captureId }));
    await deliver(processed(randomUUID(), { captureId: randomUUID() }));
    expect(await stateOf(client, captureId)).toEqual(before);
    expect(before.status).toBe("PENDING");
  });
});
