import { type GeminiStub, startGeminiStub } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOffline } from "../subgraphs/learning/src/domain/offline-generator/index.ts";
import { createCapture, register, type Session, waitForProcessed } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

const MODEL = "stub-flash";
const TIDES = `Tides are the regular rise and fall of the sea surface. They are caused mainly by the
Moon's gravity and, to a lesser degree, by the Sun's. Most coasts have two high tides and two low
tides in each lunar day of about 24 hours and 50 minutes.`;
const STUB_DECK = {
  topicName: "Tides",
  cards: [
    { front: "What mainly causes tides?", back: "The Moon's gravity." },
    { front: "How many high tides do most coasts get per lunar day?", back: "Two." },
    { front: "How long is a lunar day?", back: "About 24 hours and 50 minutes." },
    { front: "What else pulls on the tides, more weakly?", back: "The Sun's gravity." },
  ],
};
/** A capture the stub answers with garbage on every model, and too thin for the offline generator. */
const POISON = "POISON qwe rty uio asd fgh jkl zxc vbn";

interface Usage {
  calls: number;
  promptTokens: number;
  outputTokens: number;
  estimatedCost: number;
}

async function usageOf(session: Session): Promise<Usage> {
  const { me } = await session.client.request<{ me: { aiUsage: Usage } }>(
    "{ me { aiUsage(period: DAY) { calls promptTokens outputTokens estimatedCost } } }",
  );
  return me.aiUsage;
}

async function metadataOf(session: Session, captureId: string): Promise<Record<string, unknown>> {
  const { capture } = await session.client.request<{
    capture: { metadata: Record<string, unknown> };
  }>("query ($id: ID!) { capture(id: $id) { metadata } }", { id: captureId });
  return capture.metadata;
}

describe("cards from a Gemini-protocol server through the gateway", () => {
  let stub: GeminiStub;
  let stack: Stack;
  let ada: Session;

  beforeAll(async () => {
    stub = await startGeminiStub({
      respond: ({ prompt }) =>
        prompt.includes("POISON")
          ? { text: "{ this is not json", promptTokens: 10, outputTokens: 5 }
          : { text: JSON.stringify(STUB_DECK), promptTokens: 400, outputTokens: 90 },
    });
    stack = await startStack({
      env: {
        GEMINI_API_KEY: "e2e-key",
        GEMINI_BASE_URL: stub.url,
        GEMINI_MODEL: MODEL,
        GEMINI_FALLBACK_MODEL: "none",
        AI_PRICES: JSON.stringify({ [MODEL]: { input: 1, output: 10 } }),
      },
    });
    ada = await register(stack, "Ada");
  });
  afterAll(async () => {
    await stack?.stop();
    await stub?.dispose();
  });

  it("makes the capture PROCESSED with the cards the model answered, and books the call", async () => {
    const captureId = await createCapture(ada, TIDES);
    const capture = await waitForProcessed(ada, captureId);

    expect(capture.status).toBe("PROCESSED");
    expect(capture.topic?.name).toBe("Tides");
    expect(capture.topic?.flashcards.map(({ front, back }) => ({ front, back }))).toEqual(
      STUB_DECK.cards,
    );
    expect(await metadataOf(ada, captureId)).toMatchObject({ generator: "gemini" });
    const usage = await usageOf(ada);
    expect(usage).toMatchObject({ calls: 1, promptTokens: 400, outputTokens: 90 });
    expect(usage.estimatedCost).toBeCloseTo((400 * 1 + 90 * 10) / 1e6, 12);
    expect(stub.requests.at(-1)?.apiKey).toBe("e2e-key");
  });

  it("fails a poisoned capture with a reason and keeps processing the next one", async () => {
    const poisoned = await waitForProcessed(ada, await createCapture(ada, POISON));
    expect(poisoned.status).toBe("FAILED");
    expect(poisoned.failureReason).toMatch(/too little text/);
    expect(poisoned.topic).toBeNull();

    const next = await waitForProcessed(ada, await createCapture(ada, TIDES));
    expect(next.status).toBe("PROCESSED");
    expect(next.topic?.flashcards).toHaveLength(STUB_DECK.cards.length);
    // The poisoned capture's two bad answers are booked too: 1 + 2 + 1 calls today.
    expect(await usageOf(ada)).toMatchObject({ calls: 4, promptTokens: 820, outputTokens: 190 });
  });
});

describe("cards without a Gemini key", () => {
  let stack: Stack;
  let ada: Session;

  beforeAll(async () => {
    stack = await startStack();
    ada = await register(stack, "Ada");
  });
  afterAll(() => stack?.stop());

  it("come from the offline generator and cost nothing", async () => {
    const captureId = await createCapture(ada, TIDES);
    const capture = await waitForProcessed(ada, captureId);

    expect(capture.status).toBe("PROCESSED");
    expect(capture.topic?.flashcards.length).toBeGreaterThanOrEqual(3);
    const offline = generateOffline(TIDES).cards;
    expect(offline.length).toBeGreaterThanOrEqual(3);
    expect(capture.topic?.flashcards.map(({ front, back }) => ({ front, back }))).toEqual(offline);
    expect(await metadataOf(ada, captureId)).toMatchObject({ generator: "offline" });
    expect(await usageOf(ada)).toEqual({
      calls: 0,
      promptTokens: 0,
      outputTokens: 0,
      estimatedCost: 0,
    });
  });
});
