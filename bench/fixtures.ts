import { GraphQLClient } from "graphql-request";
import { register, waitForProgress } from "../tests/support/operations.ts";
import type { Stack } from "../tests/support/stack.ts";
import { mapPooled } from "./pool.ts";

export interface BenchUser {
  userId: string;
  name: string;
  accessToken: string;
  /** Signed in against the gateway under test. */
  client: GraphQLClient;
  /** The card this user reviews; any review earns points, so one card is enough. */
  flashcardId: string;
}

/** Registrations run this many at a time: argon2id is memory-hard and the machine is small. */
const SETUP_CONCURRENCY = 8;

/**
 * Users with one card each, made through the stack's in-process gateway so the setup does not
 * count towards the measured gateway, whose URL the returned clients use.
 */
export function createUsers(stack: Stack, count: number, gatewayUrl: string): Promise<BenchUser[]> {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return mapPooled(indexes, SETUP_CONCURRENCY, async (index) => {
    const name = `Bench${index}`;
    const session = await register(stack, name);
    const { createTopic } = await session.client.request<{ createTopic: { id: string } }>(
      "mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id } }",
      { input: { name: "Benchmarks" } },
    );
    const { createFlashcard } = await session.client.request<{ createFlashcard: { id: string } }>(
      "mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }",
      { input: { topicId: createTopic.id, front: "p99?", back: "The 99th percentile." } },
    );
    // A review before progress knows the user would be retried later and skew the first latency.
    await waitForProgress(session, () => true);
    return {
      userId: session.userId,
      name,
      accessToken: session.accessToken,
      client: new GraphQLClient(gatewayUrl, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      }),
      flashcardId: createFlashcard.id,
    };
  });
}

export function review(user: BenchUser): Promise<unknown> {
  return user.client.request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    { input: { flashcardId: user.flashcardId, quality: 4 } },
  );
}
