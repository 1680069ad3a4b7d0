import { createLogger } from "@kai/service";
import { type GeminiStub, startGeminiStub } from "@kai/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memoryLedger } from "../../testing/memory-ledger.ts";
import { deckOutput, deckResponseSchema } from "./deck-output.ts";
import { geminiCaller } from "./gemini-caller.ts";
import { askModels } from "./model-chain.ts";

const PRIMARY = "primary-model";
const FALLBACK = "fallback-model";
const DECK = {
  topicName: "Tides",
  cards: [
    { front: "What causes tides?", back: "Mainly the Moon's gravity." },
    { front: "How many high tides does a coast get a day?", back: "Usually two." },
    { front: "What is a spring tide?", back: "An extra-high tide at new and full moon." },
  ],
};
const ok = (value: unknown = DECK, tokens = { promptTokens: 120, outputTokens: 80 }) => ({
  text: JSON.stringify(value),
  ...tokens,
});

let stub: GeminiStub;
let ledger: ReturnType<typeof memoryLedger>;

beforeAll(async () => {
  stub = await startGeminiStub();
});
afterAll(() => stub?.dispose());
beforeEach(() => {
  stub.requests.length = 0;
  ledger = memoryLedger();
});

/** The real SDK against the stub, with short timeouts and backoff so failures are quick. */
function ask(timeoutMs = 2_000) {
  return askModels(
    {
      prompt: "Make cards about tides.",
      responseSchema: deckResponseSchema,
      output: deckOutput,
      subject: { ownerId: "u-1", captureId: "c-1", purpose: "cards" },
    },
    {
      caller: geminiCaller({ apiKey: "test-key", baseUrl: stub.url, timeoutMs }),
      ledger: ledger.ledger,
      settings: { models: [PRIMARY, FALLBACK], retries: 2, retryBaseMs: 10 },
      log: createLogger("test", "silent"),
    },
  );
}

const calls = () => stub.requests.map((request) => request.model);
const outcomes = () => ledger.calls.map((call) => `${call.model}:${call.outcome}`);

describe("askModels with the real SDK", () => {
  it("returns a valid answer and books its token counts", async () => {
    stub.enqueue(PRIMARY, ok());
    expect(await ask()).toEqual({ value: DECK, model: PRIMARY });
    expect(ledger.calls).toEqual([
      expect.objectContaining({
        model: PRIMARY,
        outcome: "ok",
        promptTokens: 120,
        outputTokens: 80,
        subject: { ownerId: "u-1", captureId: "c-1", purpose: "cards" },
      }),
    ]);
    const [request] = stub.requests;
    expect(request?.apiKey).toBe("test-key");
    expect(request?.body).toMatchObject({
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: { type: "object" },
      },
    });
  });

  it("asks again once with the reason when the answer is not JSON", async () => {
    stub.enqueue(PRIMARY, { text: "Sure! Here are your cards: ..." }, ok());
    expect(await ask()).toEqual({ value: DECK, model: PRIMARY });
    expect(outcomes()).toEqual([`${PRIMARY}:invalid_output`, `${PRIMARY}:ok`]);
    expect(stub.requests[1]?.prompt).toMatch(
      /previous answer was rejected: the answer was not valid JSON/,
    );
  });

  it("falls back to the next model after two answers that break the schema", async () => {
    const repeated = { topicName: "Tides", cards: [...DECK.cards, DECK.cards[0]] };
    const emptyBack = { ...DECK, cards: [{ front: "Q?", back: "  " }, ...DECK.cards] };
    stub.enqueue(PRIMARY, ok(repeated), ok(emptyBack));
    stub.enqueue(FALLBACK, ok());
    expect(await ask()).toEqual({ value: DECK, model: FALLBACK });
    expect(outcomes()).toEqual([
      `${PRIMARY}:invalid_output`,
      `${PRIMARY}:invalid_output`,
      `${FALLBACK}:ok`,
    ]);
    expect(stub.requests[1]?.prompt).toMatch(/cards/);
  });

  it("retries the same model after a 429", async () => {
    stub.enqueue(PRIMARY, { status: 429 }, ok());
    expect(await ask()).toEqual({ value: DECK, model: PRIMARY });
    expect(outcomes()).toEqual([`${PRIMARY}:rate_limited`, `${PRIMARY}:ok`]);
  });

  it("falls back once 500s use up the retries", async () => {
    stub.enqueue(PRIMARY, { status: 500 }, { status: 503 }, { status: 500 });
    stub.enqueue(FALLBACK, ok());
    expect(await ask()).toEqual({ value: DECK, model: FALLBACK });
    expect(calls()).toEqual([PRIMARY, PRIMARY, PRIMARY, FALLBACK]);
    expect(outcomes()).toEqual([
      `${PRIMARY}:server_error`,
      `${PRIMARY}:server_error`,
      `${PRIMARY}:server_error`,
      `${FALLBACK}:ok`,
    ]);
  });

  it("never retries another 4xx", async () => {
    stub.enqueue(PRIMARY, { status: 400 });
    stub.enqueue(FALLBACK, { status: 403 });
    expect(await ask()).toBeUndefined();
    expect(calls()).toEqual([PRIMARY, FALLBACK]);
    expect(outcomes()).toEqual([`${PRIMARY}:client_error`, `${FALLBACK}:client_error`]);
  });

  it("moves on to the next model when a call times out", async () => {
    stub.enqueue(PRIMARY, { ...ok(), delayMs: 1_000 });
    stub.enqueue(FALLBACK, ok());
    expect(await ask(200)).toEqual({ value: DECK, model: FALLBACK });
    expect(outcomes()).toEqual([`${PRIMARY}:timeout`, `${FALLBACK}:ok`]);
    expect(ledger.calls[0]?.latencyMs).toBeGreaterThanOrEqual(150);
  });

  it("gives up when no model answers well", async () => {
    stub.enqueue("*", ...Array.from({ length: 6 }, () => ({ status: 500 })));
    expect(await ask()).toBeUndefined();
    expect(calls()).toEqual([PRIMARY, PRIMARY, PRIMARY, FALLBACK, FALLBACK, FALLBACK]);
  });
});
