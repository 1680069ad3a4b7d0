import type { GraphQLClient } from "graphql-request";

export interface CardView {
  id: string;
  front: string;
  repetitions: number;
  interval: number;
  easeFactor: number;
  nextReview: string;
  lastReviewedAt: string | null;
}

const CARD_FIELDS = "id front repetitions interval easeFactor nextReview lastReviewedAt";

export async function createTopic(
  client: GraphQLClient,
  input: { name: string; parentId?: string },
): Promise<{ id: string; name: string }> {
  const { createTopic } = await client.request<{ createTopic: { id: string; name: string } }>(
    "mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id name } }",
    { input },
  );
  return createTopic;
}

export async function createFlashcard(
  client: GraphQLClient,
  input: { topicId: string; front: string; back: string },
): Promise<CardView> {
  const { createFlashcard } = await client.request<{ createFlashcard: CardView }>(
    `mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { ${CARD_FIELDS} } }`,
    { input },
  );
  return createFlashcard;
}

export async function reviewFlashcard(
  client: GraphQLClient,
  input: { flashcardId: string; quality: number },
): Promise<CardView> {
  const { reviewFlashcard } = await client.request<{ reviewFlashcard: CardView }>(
    `mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { ${CARD_FIELDS} } }`,
    { input },
  );
  return reviewFlashcard;
}

export async function completeTopic(
  client: GraphQLClient,
  topicId: string,
): Promise<{ id: string; completedAt: string | null }> {
  const { completeTopic } = await client.request<{
    completeTopic: { id: string; completedAt: string | null };
  }>("mutation ($id: ID!) { completeTopic(topicId: $id) { id completedAt } }", { id: topicId });
  return completeTopic;
}
