import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, register, type Session } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe, waitForLive } from "./support/subscriptions.ts";

/**
 * Decks in and out through the gateway: a topic exported as CSV and as .apkg from a signed
 * download URL, each file uploaded again through captures' signed upload URL and imported by
 * learning's background job, followed live over `importJobUpdated`.
 */

const JOB =
  "id status total done errorCount errors { row message } failureReason topic { id name }";

interface Job {
  id: string;
  status: string;
  total: number;
  done: number;
  errorCount: number;
  errors: { row: number; message: string }[];
  failureReason: string | null;
  topic: { id: string; name: string } | null;
}

interface TopicCards {
  name: string;
  flashcards: { front: string; back: string; repetitions: number; interval: number }[];
  children: { name: string; flashcards: { front: string; back: string }[] }[];
}

let stack: Stack;
let blobDir: string;

beforeAll(async () => {
  blobDir = await mkdtemp(join(tmpdir(), "kai-e2e-decks-"));
  stack = await startStack({ env: { BLOB_DIR: blobDir } });
});

afterAll(async () => {
  await stack?.stop();
  await rm(blobDir, { recursive: true, force: true });
});

async function upload(session: Session, bytes: Uint8Array, contentType: string): Promise<string> {
  const { createUploadUrl } = await session.client.request<{
    createUploadUrl: { uploadId: string; uploadUrl: string };
  }>(
    "mutation ($input: CreateUploadUrlInput!) { createUploadUrl(input: $input) { uploadId uploadUrl } }",
    { input: { contentType, size: bytes.length } },
  );
  const put = await fetch(createUploadUrl.uploadUrl, {
    method: "PUT",
    body: bytes,
    headers: { "content-type": contentType },
  });
  expect(put.status).toBe(201);
  return createUploadUrl.uploadId;
}

async function download(session: Session, topicId: string, format: "CSV" | "APKG") {
  const { exportDeck } = await session.client.request<{ exportDeck: { url: string } }>(
    "mutation ($topicId: ID!, $format: DeckFormat!) { exportDeck(topicId: $topicId, format: $format) { url expiresAt } }",
    { topicId, format },
  );
  const response = await fetch(exportDeck.url);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Imports an upload, following the job over the subscription until it ends. The socket resumes
 * from before the mutation (`lastEventAt`), so updates published before it was live replay.
 */
async function importLive(session: Session, uploadId: string, format: string): Promise<Job[]> {
  const since = new Date(Date.now() - 1).toISOString();
  const { importDeck } = await session.client.request<{ importDeck: Job }>(
    `mutation ($input: ImportDeckInput!) { importDeck(input: $input) { ${JOB} } }`,
    { input: { uploadId, format } },
  );
  const socket = connectSocket(stack.gateway, { token: session.accessToken, lastEventAt: since });
  try {
    const feed = subscribe<{ importJobUpdated: Job }>(
      socket,
      `subscription { importJobUpdated(id: "${importDeck.id}") { ${JOB} } }`,
    );
    await waitForLive(stack.gateway, 1);
    const last = await feed.until(
      (pushed) => ["SUCCEEDED", "FAILED"].includes(pushed.data?.importJobUpdated.status ?? ""),
      `the end of import ${importDeck.id}`,
    );
    expect(last.errors).toBeUndefined();
    return feed.results.map((result) => result.data!.importJobUpdated);
  } finally {
    await socket.dispose();
  }
}

async function cardsOf(session: Session, topicId: string): Promise<TopicCards> {
  const { topic } = await session.client.request<{ topic: TopicCards }>(
    `query ($id: ID!) { topic(id: $id) {
      name flashcards { front back repetitions interval }
      children { name flashcards { front back } } } }`,
    { id: topicId },
  );
  return topic;
}

async function sampleTopic(session: Session): Promise<string> {
  const request = <T>(query: string, variables: object) =>
    session.client.request<T>(query, variables);
  const topic = async (name: string, parentId?: string) =>
    (
      await request<{ createTopic: { id: string } }>(
        "mutation ($input: CreateTopicInput!) { createTopic(input: $input) { id } }",
        { input: { name, parentId } },
      )
    ).createTopic.id;
  const card = async (topicId: string, front: string, back: string) =>
    (
      await request<{ createFlashcard: { id: string } }>(
        "mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }",
        { input: { topicId, front, back } },
      )
    ).createFlashcard.id;
  const root = await topic("Geography");
  const capitals = await topic("Capitals", root);
  const reviewed = await card(root, "Longest river?", "The Nile, 6,650 km");
  await request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    { input: { flashcardId: reviewed, quality: 5 } },
  );
  await card(capitals, "Capital of France", 'Paris ("the city of light")');
  return root;
}

describe("decks in and out", () => {
  it.each([
    ["CSV", "text/csv"],
    ["APKG", "application/zip"],
  ] as const)(
    "round-trips a topic as %s through upload, import job and subscription",
    async (format, type) => {
      const ada = await register(stack, "Ada");
      const topicId = await sampleTopic(ada);
      const file = await download(ada, topicId, format);
      const updates = await importLive(ada, await upload(ada, file, type), format);
      const last = updates.at(-1)!;
      expect(last).toMatchObject({ status: "SUCCEEDED", total: 2, done: 2, errorCount: 0 });
      expect(last.topic?.name).toBe("Geography");
      const imported = await cardsOf(ada, last.topic!.id);
      expect(imported).toEqual(await cardsOf(ada, topicId));
      expect(imported.flashcards[0]).toMatchObject({ repetitions: 1, interval: 1 });
    },
  );

  it("reports bad rows, and keeps other users' uploads and jobs out of reach", async () => {
    const ada = await register(stack, "Ada");
    const bob = await register(stack, "Bob");
    const csv = new TextEncoder().encode("front,back\nok,fine\nmissing back\n");
    const uploadId = await upload(ada, csv, "text/csv");
    const [last] = (await importLive(ada, uploadId, "CSV")).slice(-1);
    expect(last).toMatchObject({ status: "SUCCEEDED", done: 1, errorCount: 1 });
    expect(last?.errors).toEqual([{ row: 3, message: "a row needs at least a front and a back" }]);

    const { importJob } = await bob.client.request<{ importJob: Job | null }>(
      "query ($id: ID!) { importJob(id: $id) { id } }",
      { id: last?.id },
    );
    expect(importJob).toBeNull();
    const [stolen] = (await importLive(bob, uploadId, "CSV")).slice(-1);
    expect(stolen).toMatchObject({ status: "FAILED", done: 0, topic: null });
    expect(
      await errorCode(
        bob.client.request(
          "mutation ($id: ID!) { exportDeck(topicId: $id, format: CSV) { url } }",
          { id: last?.topic?.id },
        ),
      ),
    ).toBe("NOT_FOUND");
  });
});
