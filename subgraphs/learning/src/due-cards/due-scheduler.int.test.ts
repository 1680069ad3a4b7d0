import { randomUUID } from "node:crypto";
import { buildEvent } from "@kai/events";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS } from "../domain/offline-generator/corpus.ts";
import { type LearningHarness, startLearningHarness } from "../testing/learning-harness.ts";
import { createFlashcard } from "../testing/operations.ts";

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
    const notices = await harness.events.listen("learning.flashcards_due", userId);
    const processed = await harness.events.listen("learning.capture_processed", userId);
    // A capture's cards are stored in one transaction, so they become due together.
    const text = CORPUS[0]!.text;
    const capture = buildEvent("captures.capture_created", userId, {
      captureId: randomUUID(),
      type: "TEXT",
      content: text,
      source: null,
      tags: [],
    });
    await harness.events.publish(capture);
    const { data } = await waitFor(() => processed[0], { what: "the capture's cards" });

    await waitFor(() => notices[0], { what: "the first notice" });
    await severalScans();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.data.dueCount).toBe(data.flashcardCount);

    const client = await harness.clientFor(userId);
    const card = await createFlashcard(client, {
      topicId: data.topicId!,
      front: "One more?",
      back: "Yes",
    });
    await waitFor(() => notices[1], { what: "the second notice" });
    await severalScans();
    expect(notices).toHaveLength(2);
    expect(notices[1]?.data.dueCount).toBe(data.flashcardCount + 1);
    expect(notices[1]?.data.flashcardIds).toContain(card.id);
  });
});
