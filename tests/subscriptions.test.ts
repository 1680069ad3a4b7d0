import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe } from "./support/subscriptions.ts";

let stack: Stack;
let ada: Session;
let grace: Session;
let cards: string[];

const STREAK =
  "subscription { streakUpdated { streak longestStreak points level at user { id name email } } }";
const DUE =
  "subscription { dueFlashcardsChanged { dueCount cards { id front nextReview } user { name } } }";

interface StreakUpdate {
  streakUpdated: {
    streak: number;
    points: number;
    level: number;
    user: { id: string; name: string; email: string };
  };
}
interface DueUpdate {
  dueFlashcardsChanged: {
    dueCount: number;
    cards: { id: string; front: string }[];
    user: { name: string };
  };
}

const review = (session: Session, flashcardId: string, quality = 4) =>
  session.client.request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    {
      input: { flashcardId, quality },
    },
  );

beforeAll(async () => {
  stack = await startStack({ gateways: 2 });
  [ada, grace] = await Promise.all([register(stack, "Ada"), register(stack, "Grace")]);
  await Promise.all([waitForProgress(ada, () => true), waitForProgress(grace, () => true)]);
  const capture = await waitForProcessed(ada, await createCapture(ada));
  cards = capture.topic!.flashcards.map((card) => card.id);
});
afterAll(() => stack?.stop());

describe("subscriptions through the gateway", () => {
  it("push a review's streak and points to its user only, with fields from other subgraphs", async () => {
    const adaSocket = connectSocket(stack.gateways[0]!, { token: ada.accessToken });
    const graceSocket = connectSocket(stack.gateways[1]!, { token: grace.accessToken });
    const adaFeed = subscribe<StreakUpdate>(adaSocket, STREAK);
    const graceFeed = subscribe<StreakUpdate>(graceSocket, STREAK);
    await new Promise((resolve) => setTimeout(resolve, 200));

    await review(ada, cards[0]!);
    const first = await adaFeed.nth(1);
    expect(first.errors).toBeUndefined();
    expect(first.data?.streakUpdated).toMatchObject({ streak: 1, points: 10, level: 1 });
    expect(first.data?.streakUpdated.user).toMatchObject({ id: ada.userId, name: "Ada" });
    expect(first.data?.streakUpdated.user.email).toContain("ada-");

    // Grace, on the other gateway replica, hears only her own review.
    await review(grace, (await graceCard()) ?? "");
    const graces = await graceFeed.nth(1);
    expect(graces.data?.streakUpdated.user.id).toBe(grace.userId);
    expect(graceFeed.results).toHaveLength(1);
    expect(adaFeed.results).toHaveLength(1);
    await Promise.all([adaSocket.dispose(), graceSocket.dispose()]);
  });

  it("push due cards with their fields from learning when cards become due and after a review", async () => {
    const socket = connectSocket(stack.gateway, { token: ada.accessToken });
    const feed = subscribe<DueUpdate>(socket, DUE);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const capture = await waitForProcessed(ada, await createCapture(ada));
    const announced = await feed.nth(1);
    const due = announced.data!.dueFlashcardsChanged;
    const newCards = capture.topic!.flashcards.map((card) => card.id);
    expect(due.user.name).toBe("Ada");
    expect(due.cards.map((card) => card.id)).toEqual(expect.arrayContaining(newCards));
    expect(due.cards.every((card) => card.front.length > 0)).toBe(true);

    await review(ada, newCards[0]!);
    const afterReview = await feed.nth(2);
    expect(afterReview.data!.dueFlashcardsChanged.dueCount).toBe(due.dueCount - 1);
    expect(afterReview.data!.dueFlashcardsChanged.cards.map((card) => card.id)).not.toContain(
      newCards[0],
    );
    await socket.dispose();
  });

  it("replay what a reconnecting client missed, exactly once, before live events", async () => {
    const first = connectSocket(stack.gateway, { token: ada.accessToken });
    const feed = subscribe<StreakUpdate>(first, STREAK);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await review(ada, cards[1]!);
    const seen = await feed.nth(1);
    const lastEventAt = seen.extensions?.occurredAt as string;
    expect(lastEventAt).toBeTruthy();
    await first.dispose();

    const pointsBefore = seen.data!.streakUpdated.points;
    await review(ada, cards[2]!);
    await waitForProgress(ada, (p) => p.points === pointsBefore + 10);

    const resumed = connectSocket(stack.gateway, { token: ada.accessToken, lastEventAt });
    const resumedFeed = subscribe<StreakUpdate>(resumed, STREAK);
    const missed = await resumedFeed.nth(1);
    expect(missed.data!.streakUpdated.points).toBe(pointsBefore + 10);
    await review(ada, cards[3]!);
    const live = await resumedFeed.nth(2);
    expect(live.data!.streakUpdated.points).toBe(pointsBefore + 20);
    expect(resumedFeed.results.map((r) => r.extensions?.eventId)).toEqual([
      ...new Set(resumedFeed.results.map((r) => r.extensions?.eventId)),
    ]);
    await resumed.dispose();
  });
});

async function graceCard(): Promise<string | undefined> {
  const capture = await waitForProcessed(grace, await createCapture(grace));
  return capture.topic?.flashcards[0]?.id;
}
