import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  errorCode,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let ada: Session;
let bob: Session;

beforeAll(async () => {
  stack = await startStack();
  [ada, bob] = await Promise.all([register(stack, "Ada"), register(stack, "Bob")]);
});
afterAll(() => stack?.stop());

interface Me {
  dueCount: number;
  topics: { id: string }[];
  studyStats: { reviews: number; forecast: { count: number }[] };
  progress: { points: number };
}

async function me(session: Session): Promise<Me> {
  const { me } = await session.client.request<{ me: Me }>(
    "{ me { dueCount topics(first: 100) { id } studyStats(days: 7) { reviews forecast { count } } progress { points } } }",
  );
  return me;
}

describe("deleting a topic through the gateway", () => {
  it("takes its sub-topics, cards and review log, keeps earned points, and is Ada's alone", async () => {
    const capture = await waitForProcessed(ada, await createCapture(ada));
    const topic = capture.topic;
    if (!topic) throw new Error("the capture made no topic");
    const { createTopic: sub } = await ada.client.request<{ createTopic: { id: string } }>(
      "mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id } }",
      { input: { name: "Light reactions", parentId: topic.id } },
    );
    await ada.client.request(
      "mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }",
      { input: { topicId: sub.id, front: "Where?", back: "In the thylakoids." } },
    );
    const [first] = topic.flashcards;
    await ada.client.request(
      "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
      { input: { flashcardId: first?.id, quality: 4 } },
    );
    await ada.client.request("mutation ($id: ID!) { completeTopic(topicId: $id) { id } }", {
      id: topic.id,
    });
    await waitForProgress(ada, (progress) => progress.points === 60);
    const before = await me(ada);
    expect(before.dueCount).toBe(topic.flashcards.length);
    expect(before.studyStats.reviews).toBe(1);

    const deleteTopic = "mutation ($id: ID!) { deleteTopic(id: $id) }";
    expect(await errorCode(bob.client.request(deleteTopic, { id: topic.id }))).toBe("NOT_FOUND");
    expect((await me(ada)).topics.map((t) => t.id)).toContain(topic.id);

    const { deleteTopic: deleted } = await ada.client.request<{ deleteTopic: boolean }>(
      deleteTopic,
      { id: topic.id },
    );
    expect(deleted).toBe(true);
    const after = await me(ada);
    expect(after.topics.map((t) => t.id)).not.toContain(topic.id);
    expect(after.topics.map((t) => t.id)).not.toContain(sub.id);
    expect(after.dueCount).toBe(0);
    expect(after.studyStats.reviews).toBe(0);
    expect(after.studyStats.forecast.every((day) => day.count === 0)).toBe(true);
    for (const query of [
      ["query ($id: ID!) { topic(id: $id) { id } }", topic.id],
      ["query ($id: ID!) { topic(id: $id) { id } }", sub.id],
      ["query ($id: ID!) { flashcard(id: $id) { id } }", first?.id],
    ] as const) {
      expect(await errorCode(ada.client.request(query[0], { id: query[1] }))).toBe("NOT_FOUND");
    }
    const { capture: stillThere } = await ada.client.request<{
      capture: { status: string; topic: { id: string } | null };
    }>("query ($id: ID!) { capture(id: $id) { status topic { id } } }", { id: capture.id });
    expect(stillThere).toEqual({ status: "PROCESSED", topic: null });
    // Points once earned stay earned: deletion takes content, not what was done (see deleteTopic).
    await waitFor(async () => ((await me(ada)).progress.points === 60 ? true : undefined), {
      what: "Ada's points",
    });
  });
});
