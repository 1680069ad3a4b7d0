import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import {
  connectSocket,
  type Feed,
  subscribe,
  waitForLive,
  waitForReleased,
  waitForStoredEvent,
} from "./support/subscriptions.ts";

let stack: Stack;

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

/** A fresh user with a processed capture: cards to review, nobody else's state to share. */
interface Student extends Session {
  cards: string[];
}

async function student(name: string): Promise<Student> {
  const session = await register(stack, name);
  await waitForProgress(session, () => true);
  const capture = await waitForProcessed(session, await createCapture(session));
  return { ...session, cards: capture.topic!.flashcards.map((card) => card.id) };
}

const review = (session: Session, flashcardId: string, quality = 4) =>
  session.client.request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    { input: { flashcardId, quality } },
  );

/** The result carrying the streak update with these points. */
const withPoints = (feed: Feed<StreakUpdate>, points: number) =>
  feed.until((result) => result.data?.streakUpdated.points === points, `an update to ${points}`);

const pointsOf = (feed: Feed<StreakUpdate>) =>
  feed.results.map((result) => result.data?.streakUpdated.points);
const ownersOf = (feed: Feed<StreakUpdate>) =>
  feed.results.map((result) => result.data?.streakUpdated.user.id);

beforeAll(async () => {
  stack = await startStack({ gateways: 2 });
});
afterAll(() => stack?.stop());

describe("subscriptions through the gateway", () => {
  it("push a review's streak and points to its user only, with fields from other subgraphs", async () => {
    const [ada, grace] = await Promise.all([student("Ada"), student("Grace")]);
    const [first, second] = [stack.gateways[0]!, stack.gateways[1]!];
    const sockets = [
      connectSocket(first, { token: ada.accessToken }),
      // Grace on the other replica, and on Ada's: one replica fans out to both users.
      connectSocket(second, { token: grace.accessToken }),
      connectSocket(first, { token: grace.accessToken }),
    ] as const;
    const adaFeed = subscribe<StreakUpdate>(sockets[0], STREAK);
    const graceFeeds = [sockets[1], sockets[2]].map((s) => subscribe<StreakUpdate>(s, STREAK));
    await Promise.all([waitForLive(first, 2), waitForLive(second, 1)]);

    await review(ada, ada.cards[0]!);
    const update = await withPoints(adaFeed, 10);
    expect(update.errors).toBeUndefined();
    expect(update.data?.streakUpdated).toMatchObject({ streak: 1, points: 10, level: 1 });
    expect(update.data?.streakUpdated.user).toMatchObject({ id: ada.userId, name: "Ada" });
    expect(update.data?.streakUpdated.user.email).toContain("ada-");

    await review(grace, grace.cards[0]!);
    await Promise.all(graceFeeds.map((feed) => withPoints(feed, 10)));
    // Markers: each user's next event comes after the other's, on the same NATS connection and
    // queue, so an event fanned out to the wrong user would have arrived before the marker.
    await review(ada, ada.cards[1]!);
    await withPoints(adaFeed, 20);
    await review(grace, grace.cards[1]!);
    await Promise.all(graceFeeds.map((feed) => withPoints(feed, 20)));

    expect(pointsOf(adaFeed)).toEqual([10, 20]);
    expect(ownersOf(adaFeed)).toEqual([ada.userId, ada.userId]);
    for (const feed of graceFeeds) {
      expect(pointsOf(feed)).toEqual([10, 20]);
      expect(ownersOf(feed)).toEqual([grace.userId, grace.userId]);
    }
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await Promise.all(stack.gateways.map(waitForReleased));
  });

  it("push due cards with their fields from learning when cards become due and after a review", async () => {
    const ada = await register(stack, "Ada");
    await waitForProgress(ada, () => true);
    const socket = connectSocket(stack.gateway, { token: ada.accessToken });
    const feed = subscribe<DueUpdate>(socket, DUE);
    await waitForLive(stack.gateway, 1);

    const capture = await waitForProcessed(ada, await createCapture(ada));
    const newCards = capture.topic!.flashcards.map((card) => card.id);
    const announced = await feed.until(
      (result) =>
        newCards.every((id) => result.data?.dueFlashcardsChanged.cards.some((c) => c.id === id)),
      "the new cards announced as due",
    );
    const due = announced.data!.dueFlashcardsChanged;
    expect(due.user.name).toBe("Ada");
    expect(due.dueCount).toBe(newCards.length);
    expect(due.cards.every((card) => card.front.length > 0)).toBe(true);

    await review(ada, newCards[0]!);
    const afterReview = await feed.until(
      (result) => result.data?.dueFlashcardsChanged.dueCount === due.dueCount - 1,
      "the due count after the review",
    );
    expect(afterReview.data!.dueFlashcardsChanged.cards.map((card) => card.id)).not.toContain(
      newCards[0],
    );
    expect(feed.results.map((result) => result.data?.dueFlashcardsChanged.user.name)).toEqual(
      feed.results.map(() => "Ada"),
    );
    await socket.dispose();
    await waitForReleased(stack.gateway);
  });

  it("replay what a reconnecting client missed, exactly once, before live events", async () => {
    const ada = await student("Ada");
    const first = connectSocket(stack.gateway, { token: ada.accessToken });
    const feed = subscribe<StreakUpdate>(first, STREAK);
    await waitForLive(stack.gateway, 1);
    await review(ada, ada.cards[0]!);
    const seen = await withPoints(feed, 10);
    const lastEventAt = seen.extensions?.occurredAt as string;
    expect(lastEventAt).toBeTruthy();
    await first.dispose();
    await waitForReleased(stack.gateway);

    // Missed while away; stored in the stream before the client comes back.
    await review(ada, ada.cards[1]!);
    const missed = await waitForStoredEvent(
      stack.nats.url,
      "progress.streak_updated",
      ada.userId,
      (event) => event.data.points === 20,
    );

    const resumed = connectSocket(stack.gateway, { token: ada.accessToken, lastEventAt });
    const resumedFeed = subscribe<StreakUpdate>(resumed, STREAK);
    const replayed = await resumedFeed.nth(1);
    expect(replayed.data!.streakUpdated.points).toBe(20);
    expect(replayed.extensions?.eventId).toBe(missed.id);

    await review(ada, ada.cards[2]!);
    await withPoints(resumedFeed, 30);
    // The event at lastEventAt is not sent again, the missed one once, then the live one.
    expect(pointsOf(resumedFeed)).toEqual([20, 30]);
    const ids = resumedFeed.results.map((result) => result.extensions?.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    await resumed.dispose();
    await waitForReleased(stack.gateway);
  });
});
