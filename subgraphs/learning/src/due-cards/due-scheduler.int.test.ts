import { randomUUID } from "node:crypto";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LearningHarness, startLearningHarness } from "../testing/learning-harness.ts";
import { createFlashcard, createTopic } from "../testing/operations.ts";

const SCAN_SECONDS = 0.1;
let harness: LearningHarness;

beforeAll(async () => {
  harness = await startLearningHarness(
    { DUE_SCAN_INTERVAL_SECONDS: String(SCAN_SECONDS) },
    { replicas: 3 },
  );
});
afterAll(() => harness?.dispose());

/** Long enough for every replica to have scanned several times. */
const severalScans = () => new Promise((resolve) => setTimeout(resolve, SCAN_SECONDS * 10_000));

describe("the due-card scheduler on three replicas", () => {
  it("announces each card's due date once, with the owner's due count and cards", async () => {
    const userId = randomUUID();
    const client = await harness.clientFor(userId);
    const notices = await harness.listen("learning.flashcards_due", userId);
    const topic = await createTopic(client, { name: "Tides" });
    const first = await createFlashcard(client, {
      topicId: topic.id,
      front: "Cause?",
      back: "The Moon",
    });
    const second = await createFlashcard(client, {
      topicId: topic.id,
      front: "Spring tide?",
      back: "Sun and Moon aligned",
    });

    await waitFor(() => notices[0], { what: "the first notice" });
    await severalScans();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.data.dueCount).toBe(2);
    expect(notices[0]?.data.flashcardIds.sort()).toEqual([first.id, second.id].sort());

    const third = await createFlashcard(client, {
      topicId: topic.id,
      front: "Neap tide?",
      back: "At right angles",
    });
    await waitFor(() => notices[1], { what: "the second notice" });
    await severalScans();
    expect(notices).toHaveLength(2);
    expect(notices[1]?.data.dueCount).toBe(3);
    expect(notices[1]?.data.flashcardIds).toContain(third.id);
  });
});
