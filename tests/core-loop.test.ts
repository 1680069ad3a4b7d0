import {
  LeaderboardDocument,
  LoginDocument,
  MeDocument,
  ReviewFlashcardDocument,
} from "@kai/client";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  errorCode,
  failure,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let ada: Session;

beforeAll(async () => {
  stack = await startStack();
  ada = await register(stack, "Ada");
});
afterAll(() => stack?.stop());

describe("the core loop through the gateway", () => {
  it("gives a new user a progress row from users.user_created", async () => {
    const progress = await waitForProgress(ada, () => true);
    expect(progress).toEqual({ points: 0, level: 1, streak: 0, longestStreak: 0 });
  });

  it("logs in with the registered credentials and refuses wrong ones alike", async () => {
    const { me } = await ada.client.request(MeDocument);
    // The user's own email: the API shows it to them alone.
    const email = me.email!;
    const login = (email: string, password: string) =>
      stack.client().request(LoginDocument, { input: { email, password } });
    const { login: session } = await login(email.toUpperCase(), "correct horse battery");
    expect(session.user.id).toBe(ada.userId);
    const wrongPassword = await failure(login(email, "wrong password"));
    const unknownEmail = await failure(login("nobody@example.com", "correct horse battery"));
    expect(wrongPassword.code).toBe("UNAUTHENTICATED");
    // The same answer for both, so a caller cannot learn which emails have accounts.
    expect(unknownEmail).toEqual(wrongPassword);
    expect(await errorCode(login("not-an-email", "x"))).toBe("BAD_USER_INPUT");
  });

  it("turns a text capture into a topic with 3-5 flashcards and marks it PROCESSED", async () => {
    const captureId = await createCapture(ada);
    const capture = await waitForProcessed(ada, captureId);
    expect(capture.status).toBe("PROCESSED");
    expect(capture.topic?.flashcards.length).toBeGreaterThanOrEqual(3);
    expect(capture.topic?.flashcards.length).toBeLessThanOrEqual(5);
    for (const card of capture.topic?.flashcards ?? []) {
      expect(card.front.length).toBeGreaterThan(0);
      expect(card.back).not.toBe(card.front);
    }
  });

  it("marks a capture with too little text FAILED with a reason", async () => {
    const capture = await waitForProcessed(ada, await createCapture(ada, "Hello."));
    expect(capture.status).toBe("FAILED");
    expect(capture.failureReason).toMatch(/\w+/);
    expect(capture.topic).toBeNull();
  });

  it("reviews a card by SM-2, awards points and starts the streak", async () => {
    const capture = await waitForProcessed(ada, await createCapture(ada));
    const card = capture.topic!.flashcards[0]!;
    const before = Date.now();
    const { reviewFlashcard } = await ada.client.request(ReviewFlashcardDocument, {
      input: { flashcardId: card.id, quality: 4 },
    });
    expect(reviewFlashcard).toMatchObject({ repetitions: 1, interval: 1, easeFactor: 2.5 });
    const dueIn = new Date(reviewFlashcard.nextReview).getTime() - before;
    expect(dueIn).toBeGreaterThanOrEqual(86_400_000 - 1_000);
    expect(dueIn).toBeLessThan(86_400_000 + 60_000);

    const progress = await waitForProgress(ada, (p) => p.points >= 10);
    expect(progress).toMatchObject({ points: 10, streak: 1, longestStreak: 1, level: 1 });

    const { completeTopic } = await ada.client.request<{ completeTopic: { completedAt: string } }>(
      "mutation ($id: ID!) { completeTopic(topicId: $id) { completedAt } }",
      { id: capture.topic!.id },
    );
    expect(completeTopic.completedAt).toBeTruthy();
    expect((await waitForProgress(ada, (p) => p.points >= 60)).points).toBe(60);
  });

  it("answers one query across all four subgraphs consistently", async () => {
    const { me, captures } = await ada.client.request<{
      me: { name: string; progress: { points: number; level: number; streak: number } };
      captures: {
        edges: {
          node: {
            status: string;
            topic: { name: string; flashcards: { front: string }[] } | null;
          };
        }[];
      };
    }>(`{
      me { name progress { points level streak } }
      captures(first: 20) { edges { node { status topic { name flashcards { front } } } } }
    }`);
    expect(me.name).toBe("Ada");
    expect(captures.edges).toHaveLength(3);
    const processed = captures.edges.filter((edge) => edge.node.status === "PROCESSED");
    expect(processed).toHaveLength(2);
    for (const edge of processed)
      expect(edge.node.topic?.flashcards.length).toBeGreaterThanOrEqual(3);
    expect(me.progress).toEqual({ points: 60, level: 1, streak: 1 });
  });

  it("ranks users on the leaderboard and makes a share card", async () => {
    const grace = await register(stack, "Grace");
    await waitForProgress(grace, () => true);
    const { leaderboard } = await grace.client.request(LeaderboardDocument, {
      period: "ALL_TIME",
      limit: 10,
    });
    expect(leaderboard[0]).toMatchObject({
      rank: 1,
      points: 60,
      user: { id: ada.userId, name: "Ada" },
    });

    const { shareCard } = await grace.client.request<{
      shareCard: {
        text: string;
        stats: { points: number };
        platforms: { twitter: string; linkedin: string };
      };
    }>(
      "query ($id: ID!) { shareCard(userId: $id) { text stats { points } platforms { twitter linkedin } } }",
      {
        id: ada.userId,
      },
    );
    expect(shareCard.text).toContain("Ada");
    expect(shareCard.stats.points).toBe(60);
    expect(new URL(shareCard.platforms.twitter).protocol).toBe("https:");
    expect(new URL(shareCard.platforms.linkedin).protocol).toBe("https:");
  });

  it("lets a user change name and time zone, and progress follows", async () => {
    const { updateMe } = await ada.client.request<{ updateMe: { name: string; timezone: string } }>(
      'mutation { updateMe(input: { name: "Ada Lovelace", timezone: "Asia/Tokyo" }) { name timezone } }',
    );
    expect(updateMe).toEqual({ name: "Ada Lovelace", timezone: "Asia/Tokyo" });
    const text = await waitFor(async () => {
      const { shareCard } = await ada.client.request<{ shareCard: { text: string } }>(
        "query ($id: ID!) { shareCard(userId: $id) { text } }",
        { id: ada.userId },
      );
      return shareCard.text.includes("Ada Lovelace") ? shareCard.text : undefined;
    });
    expect(text).toContain("Ada Lovelace");
  });
});
