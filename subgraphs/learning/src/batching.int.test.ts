import { randomUUID } from "node:crypto";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertNewFlashcards } from "./db/flashcards.repo.ts";
import { insertCaptureTopic } from "./db/topics.repo.ts";
import { type LearningHarness, startLearningHarness } from "./testing/learning-harness.ts";

const CAPTURES = 30;

let harness: LearningHarness;
let client: GraphQLClient;
const captureIds = Array.from({ length: CAPTURES }, () => randomUUID());

beforeAll(async () => {
  harness = await startLearningHarness();
  const owner = randomUUID();
  client = await harness.clientFor(owner);
  const db = harness.subgraph.deps.db;
  for (const [index, captureId] of captureIds.entries()) {
    const topic = await insertCaptureTopic(db, {
      ownerId: owner,
      captureId,
      name: `Topic ${index}`,
    });
    if (!topic) throw new Error("capture topic not created");
    await insertNewFlashcards(db, {
      ownerId: owner,
      topicId: topic.id,
      cards: [1, 2, 3].map((n) => ({ front: `Q${n}`, back: `A${n}` })),
      now: new Date(),
    });
  }
});

afterAll(async () => {
  await harness?.dispose();
});

const QUERY = /* GraphQL */ `
  query ($refs: [_Any!]!) {
    _entities(representations: $refs) {
      ... on Capture { topic { name flashcards { front } } }
    }
  }
`;

// The dashboard's shape: the cards asked of the capture, beside its topic.
const DASHBOARD_QUERY = /* GraphQL */ `
  query ($refs: [_Any!]!) {
    _entities(representations: $refs) {
      ... on Capture { topic { name } flashcards(first: 20) { front } }
    }
  }
`;

/** A capture as either query reads it: the cards under its topic, or beside it. */
interface CaptureEntity {
  topic: { name: string; flashcards?: unknown[] };
  flashcards?: unknown[];
}

async function resolveCaptures(n: number, query = QUERY) {
  const refs = captureIds.slice(0, n).map((id) => ({ __typename: "Capture", id }));
  let result: { _entities: CaptureEntity[] } | undefined;
  const statements = await harness.countStatements(async () => {
    result = await client.request(query, { refs });
  });
  return { statements, entities: result?._entities ?? [] };
}

describe("Capture references", () => {
  it("cost the same few SQL statements for 3 captures as for 30", async () => {
    const few = await resolveCaptures(3);
    const many = await resolveCaptures(CAPTURES);

    expect(many.entities).toHaveLength(CAPTURES);
    expect(many.entities.map((e) => e.topic.name)).toEqual(captureIds.map((_, i) => `Topic ${i}`));
    expect(many.entities.every((e) => e.topic.flashcards?.length === 3)).toBe(true);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(2);
  });

  it("load topics and cards asked beside them in two statements, for 3 as for 30", async () => {
    const few = await resolveCaptures(3, DASHBOARD_QUERY);
    const many = await resolveCaptures(CAPTURES, DASHBOARD_QUERY);

    expect(many.entities.map((e) => e.topic.name)).toEqual(captureIds.map((_, i) => `Topic ${i}`));
    expect(many.entities.every((e) => e.flashcards?.length === 3)).toBe(true);
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
  });
});
