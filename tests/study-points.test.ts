import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapture, register, type Session, waitForProcessed } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let ada: Session;

beforeAll(async () => {
  stack = await startStack();
  ada = await register(stack, "Ada");
});
afterAll(() => stack?.stop());

const REVIEW = "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }";

async function newCard(session: Session, front: string): Promise<string> {
  const { createTopic } = await session.client.request<{ createTopic: { id: string } }>(
    "mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id } }",
    { input: { name: `Deck for ${front}` } },
  );
  const { createFlashcard } = await session.client.request<{ createFlashcard: { id: string } }>(
    "mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }",
    { input: { topicId: createTopic.id, front, back: "An answer." } },
  );
  return createFlashcard.id;
}

async function progress(session: Session) {
  const { me } = await session.client.request<{
    me: { progress: { points: number; reviews: number } };
  }>("{ me { progress { points reviews } } }");
  return me.progress;
}

describe("fair points through the gateway", () => {
  it("scores a card once per due review: drilling it twenty times in a minute earns 10 once", async () => {
    const drilled = await newCard(ada, "What is drilled?");
    for (let i = 0; i < 20; i++) {
      await ada.client.request(REVIEW, { input: { flashcardId: drilled, quality: 5 } });
    }
    const other = await newCard(ada, "What is new?");
    await ada.client.request(REVIEW, { input: { flashcardId: other, quality: 4 } });

    // All 21 reviews are counted; only the first of the drilled card and the new one score.
    const after = await waitFor(
      async () => {
        const now = await progress(ada);
        return now.reviews === 21 ? now : undefined;
      },
      { what: "progress to count all 21 reviews" },
    );
    expect(after.points).toBe(20);
  });
});

describe("short captures through the gateway", () => {
  it("turns a two-sentence capture into a topic with its two cards", async () => {
    const capture = await waitForProcessed(
      ada,
      await createCapture(
        ada,
        "Entropy is a measure of disorder in a system. It always increases in an isolated system.",
      ),
    );
    expect(capture.status).toBe("PROCESSED");
    expect(capture.topic?.name).toBe("Entropy");
    expect(capture.topic?.flashcards.map((card) => card.back)).toEqual([
      "A measure of disorder in a system.",
      "System",
    ]);
  });
});
