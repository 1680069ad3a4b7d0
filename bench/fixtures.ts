import type { GraphQLClient } from "graphql-request";
import { gatewayAt, register, waitForProgress } from "../tests/support/operations.ts";
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

/** Users with `cardsEach` new cards each, signed in against the gateway at `gatewayUrl`. */
export function createUsers(
  gatewayUrl: string,
  count: number,
  cardsEach: number,
): Promise<BenchUser[]> {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return mapPooled(indexes, SETUP_CONCURRENCY, (index) =>
    createUser(gatewayUrl, `Bench${index}`, cardsEach),
  );
}

async function createUser(gatewayUrl: string, name: string, cardsEach: number): Promise<BenchUser> {
  const session = await register(gatewayAt(gatewayUrl), name);
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
    client: session.client,
    flashcardIds,
  };
}

const reviewed = new WeakMap<BenchUser, number>();

/** The user's next new card: reviewing each card once, every review scores. */
export function nextCard(user: BenchUser): string {
  const next = reviewed.get(user) ?? 0;
  reviewed.set(user, next + 1);
  return user.flashcardIds[next % user.flashcardIds.length] as string;
}

export function review(user: BenchUser, flashcardId: string): Promise<unknown> {
  return user.client.request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    { input: { flashcardId, quality: 4 } },
  );
}
