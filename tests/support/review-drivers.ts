import { randomUUID } from "node:crypto";
import { graphqlCall, mustCall } from "./graphql-call.ts";

export interface Reviewer {
  userId: string;
  token: string;
  topicId: string;
  /** Cards whose one review the API acknowledged (a 200 with the updated card). */
  acknowledged: Set<string>;
  /** Review requests that failed: not acknowledged, though some may have committed. */
  failed: number;
}

export interface ReviewDrivers {
  reviewers: Reviewer[];
  acknowledged(): number;
  failed(): number;
  /** Failed requests of any kind (cards not made, reviews not acknowledged). */
  requestFailures(): number;
  /** How often each error message was seen, for the report. */
  errors: Map<string, number>;
  /** Ends every loop after its request in flight. */
  stop(): Promise<void>;
}

/** A breather after a failed request, so a driver does not spin while a dependency is down. */
const AFTER_FAILURE_MS = 100;

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const CREATE_TOPIC = `mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id } }`;
const CREATE_CARD = `mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }`;
const REVIEW = `mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id repetitions } }`;

export async function registerReviewer(url: string, name: string): Promise<Reviewer> {
  const { register } = await mustCall<{
    register: { accessToken: string; user: { id: string } };
  }>(url, REGISTER, {
    input: {
      email: `${name.toLowerCase()}-${randomUUID()}@example.com`,
      password: "correct horse battery",
      name,
    },
  });
  const token = register.accessToken;
  const { createTopic } = await mustCall<{ createTopic: { id: string } }>(
    url,
    CREATE_TOPIC,
    { input: { name: `${name}'s drill deck` } },
    token,
  );
  return {
    userId: register.user.id,
    token,
    topicId: createTopic.id,
    acknowledged: new Set(),
    failed: 0,
  };
}

/**
 * Keeps every reviewer answering cards through the gateway until stopped. Each review is of
 * a card made for it, so every review is of a due card and scores exactly once; a card whose
 * review failed is never retried, since a retry could not tell a lost review from a repeat.
 */
export function startReviewing(url: string, reviewers: Reviewer[]): ReviewDrivers {
  let running = true;
  const errors = new Map<string, number>();
  const note = (error: string) => errors.set(error, (errors.get(error) ?? 0) + 1);
  const pause = () => new Promise((resolve) => setTimeout(resolve, AFTER_FAILURE_MS));

  async function drive(reviewer: Reviewer): Promise<void> {
    while (running) {
      const card = await graphqlCall<{ createFlashcard: { id: string } }>(
        url,
        CREATE_CARD,
        { input: { topicId: reviewer.topicId, front: `Q ${randomUUID()}`, back: "A" } },
        reviewer.token,
      );
      if (!card.ok) {
        note(`createFlashcard: ${card.error}`);
        await pause();
        continue;
      }
      const flashcardId = card.data.createFlashcard.id;
      const review = await graphqlCall(
        url,
        REVIEW,
        { input: { flashcardId, quality: 4 } },
        reviewer.token,
      );
      if (review.ok) {
        reviewer.acknowledged.add(flashcardId);
      } else {
        reviewer.failed++;
        note(`reviewFlashcard: ${review.error}`);
        await pause();
      }
    }
  }

  const loops = reviewers.map(drive);
  return {
    reviewers,
    acknowledged: () => reviewers.reduce((sum, r) => sum + r.acknowledged.size, 0),
    failed: () => reviewers.reduce((sum, r) => sum + r.failed, 0),
    requestFailures: () => [...errors.values()].reduce((sum, n) => sum + n, 0),
    errors,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
