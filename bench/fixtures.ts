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
  /**
   * New cards, one per review: only a card that is due (or new) earns points, and each update
   * is matched to its review by the points it brings (latency.ts).
   */
  flashcardIds: string[];
}

/** Registrations run this many at a time: argon2id is memory-hard and the machine is small. */
const SETUP_CONCURRENCY = 8;

/**
 * Users with one card each, made through the stack's in-process gateway so the setup does not
 * count towards the measured gateway, whose URL the returned clients use.
 */
export function createUsers(
  stack: Stack,
  count: number,
  gatewayUrl: string,
  cardsEach: number,
): Promise<BenchUser[]> {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return mapPooled(indexes, SETUP_CONCURRENCY, async (index) => {
    const name = `Bench${index}`;
    const session = await register(stack, name);
    const { createTopic } = await session.client.request<{ createTopic: { id: string } }>(
      "mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id } }",
      { input: { name: "Benchmarks" } },
    );
    const flashcardIds: string[] = [];
    for (let card = 0; card < cardsEach; card++) {
      const { createFlashcard } = await session.client.request<{ createFlashcard: { id: string } }>(
        "mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }",
        {
          input: { topicId: createTopic.id, front: `p99 #${card}?`, back: "The 99th percentile." },
        },
      );
      flashcardIds.push(createFlashcard.id);
    }
    // A review before progress knows the user would be retried later and skew the first latency.
    await waitForProgress(session, () => true);
    return {
      userId: session.userId,
      name,
      accessToken: session.accessToken,
      client: new GraphQLClient(gatewayUrl, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      }),
      flashcardIds,
    };
  });
}

const reviewed = new WeakMap<BenchUser, number>();

/** Reviews the user's next new card, so every review scores. */
export function review(user: BenchUser): Promise<unknown> {
  const next = reviewed.get(user) ?? 0;
  reviewed.set(user, next + 1);
  const flashcardId = user.flashcardIds[next % user.flashcardIds.length];
  return user.client.request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    { input: { flashcardId, quality: 4 } },
  );
}
