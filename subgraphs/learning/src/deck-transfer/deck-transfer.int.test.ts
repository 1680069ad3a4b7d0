import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BlobStore, localBlobStore, writeUpload } from "@kai/blob";
import type { EventEnvelope } from "@kai/events";
import { errorCode, type SignedIn } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deckExports } from "../db/schema.ts";
import { type LearningHarness, startLearningHarness } from "../testing/learning-harness.ts";
import { createFlashcard, createTopic, reviewFlashcard } from "../testing/operations.ts";
import { findCardsOfTopics, findSubtree } from "./deck.repo.ts";
import type { DeckCard } from "./deck-card.ts";
import { deckOf } from "./deck-export.ts";
import { exportKey } from "./export-key.ts";
import { startExportSweeper } from "./export-sweeper.ts";
import { MAX_OPEN_EXPORTS } from "./resolvers/mutation-export-deck.ts";

let harness: LearningHarness;
let blobDir: string;
let blobs: BlobStore;

beforeAll(async () => {
  blobDir = await mkdtemp(join(tmpdir(), "kai-deck-transfer-"));
  blobs = localBlobStore(blobDir);
  harness = await startLearningHarness({ BLOB_DIR: blobDir });
});

afterAll(async () => {
  await harness?.dispose();
  await rm(blobDir, { recursive: true, force: true });
});

const JOB =
  "id status total done errorCount errors { row message } failureReason topic { id name }";

interface JobView {
  id: string;
  status: string;
  total: number;
  done: number;
  errorCount: number;
  errors: { row: number; message: string }[];
  failureReason: string | null;
  topic: { id: string; name: string } | null;
}

/** An upload as captures stores one: the bytes and the record naming their owner. */
async function upload(ownerId: string, bytes: Uint8Array, contentType: string): Promise<string> {
  const uploadId = randomUUID();
  await writeUpload(blobs, uploadId, bytes, { ownerId, contentType, size: bytes.length });
  return uploadId;
}

async function importDeck(user: SignedIn, uploadId: string, format: "CSV" | "APKG") {
  const { importDeck } = await user.client.request<{ importDeck: JobView }>(
    `mutation ($input: ImportDeckInput!) { importDeck(input: $input) { ${JOB} } }`,
    { input: { uploadId, format } },
  );
  return importDeck;
}

async function finished(user: SignedIn, id: string, timeoutMs = 20_000): Promise<JobView> {
  return waitFor(
    async () => {
      const { importJob } = await user.client.request<{ importJob: JobView | null }>(
        `query ($id: ID!) { importJob(id: $id) { ${JOB} } }`,
        { id },
      );
      return importJob && ["SUCCEEDED", "FAILED"].includes(importJob.status)
        ? importJob
        : undefined;
    },
    { what: `import job ${id} to finish`, timeoutMs },
  );
}

async function exportDeck(user: SignedIn, topicId: string, format: "CSV" | "APKG") {
  const { exportDeck } = await user.client.request<{
    exportDeck: { url: string; fileName: string; cardCount: number };
  }>(
    "mutation ($topicId: ID!, $format: DeckFormat!) { exportDeck(topicId: $topicId, format: $format) { url fileName cardCount } }",
    { topicId, format },
  );
  const response = await fetch(exportDeck.url);
  expect(response.status).toBe(200);
  return { ...exportDeck, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A topic's deck as stored, without what an import cannot keep the same (row numbers). */
async function storedDeck(topicId: string): Promise<Omit<DeckCard, "row">[]> {
  const db = harness.subgraph.deps.db;
  const tree = await findSubtree(db, topicId);
  const root = tree.find((topic) => topic.id === topicId);
  if (!root) throw new Error(`no topic ${topicId}`);
  const cards = await findCardsOfTopics(
    db,
    tree.map((topic) => topic.id),
    50_000,
  );
  return deckOf(root, tree, cards).map(({ row: _, ...card }) => card);
}

/** A topic "Spanish" with a sub-topic, a reviewed card and new ones, some text CSV must quote. */
async function sampleTopic(user: SignedIn): Promise<string> {
  const root = await createTopic(user.client, { name: "Spanish" });
  const verbs = await createTopic(user.client, { name: "Verbs", parentId: root.id });
  const hola = await createFlashcard(user.client, {
    topicId: root.id,
    front: 'Say "hello", politely',
    back: "hola\nbuenos días",
  });
  await reviewFlashcard(user.client, { flashcardId: hola.id, quality: 5 });
  await reviewFlashcard(user.client, { flashcardId: hola.id, quality: 4 });
  await createFlashcard(user.client, { topicId: verbs.id, front: "to be", back: "ser <estar>" });
  return root.id;
}

describe("exportDeck and importDeck", () => {
  it("round-trips a topic tree through CSV: same cards, decks and schedules", async () => {
    const user = await harness.signIn();
    const topicId = await sampleTopic(user);
    const file = await exportDeck(user, topicId, "CSV");
    expect(file.fileName).toBe("Spanish.csv");
    expect(file.cardCount).toBe(2);
    const job = await finished(
      user,
      (await importDeck(user, await upload(user.userId, file.bytes, "text/csv"), "CSV")).id,
    );
    expect(job).toMatchObject({ status: "SUCCEEDED", total: 2, done: 2, errorCount: 0 });
    expect(job.topic?.name).toBe("Spanish");
    expect(job.topic?.id).not.toBe(topicId);
    const original = await storedDeck(topicId);
    expect(original.some((card) => card.schedule?.fsrs !== undefined)).toBe(true);
    expect(await storedDeck(job.topic?.id ?? "")).toEqual(original);
  });

  it("round-trips through an .apkg: subdecks, FSRS memory, and schedules to the day", async () => {
    const user = await harness.signIn();
    const topicId = await sampleTopic(user);
    const file = await exportDeck(user, topicId, "APKG");
    expect(file.fileName).toBe("Spanish.apkg");
    const job = await finished(
      user,
      (await importDeck(user, await upload(user.userId, file.bytes, "application/zip"), "APKG")).id,
    );
    expect(job).toMatchObject({ status: "SUCCEEDED", total: 2, done: 2, errorCount: 0 });
    const toTheDay = (cards: Omit<DeckCard, "row">[]) =>
      cards.map(({ schedule, ...card }) => ({
        ...card,
        schedule: schedule && {
          repetitions: schedule.repetitions,
          interval: schedule.interval,
          easeFactor: schedule.easeFactor,
          nextReview: schedule.nextReview.toISOString().slice(0, 10),
          fsrs: schedule.fsrs,
        },
      }));
    expect(toTheDay(await storedDeck(job.topic?.id ?? ""))).toEqual(
      toTheDay(await storedDeck(topicId)),
    );
  });

  it("reports malformed rows by number and imports the rest", async () => {
    const user = await harness.signIn();
    const csv = [
      "\ufefffront,back,deck",
      'good,"multi\nline",Biology::Cells',
      "no back",
      `${"q".repeat(501)},too long,Biology`,
      "fine,answer,Biology",
    ].join("\r\n");
    const id = await upload(user.userId, new TextEncoder().encode(csv), "text/csv");
    const job = await finished(user, (await importDeck(user, id, "CSV")).id);
    expect(job).toMatchObject({ status: "SUCCEEDED", total: 2, done: 2, errorCount: 2 });
    expect(job.errors.map((error) => error.row)).toEqual([3, 4]);
    expect(job.topic?.name).toBe("Biology");
    const cards = await storedDeck(job.topic?.id ?? "");
    expect(cards.map((card) => [card.path, card.front, card.back])).toEqual([
      [["Biology", "Cells"], "good", "multi\nline"],
      [["Biology"], "fine", "answer"],
    ]);
  });

  it("fails a file without a single good row, listing its rows' errors", async () => {
    const user = await harness.signIn();
    const id = await upload(
      user.userId,
      new TextEncoder().encode("front,back\nonly\n,x\n"),
      "text/csv",
    );
    const job = await finished(user, (await importDeck(user, id, "CSV")).id);
    expect(job).toMatchObject({ status: "FAILED", total: 0, done: 0, errorCount: 2, topic: null });
    expect(job.failureReason).toMatch(/no card/);
    expect(job.errors.map((error) => error.row)).toEqual([2, 3]);
  });

  it("imports an upload once, however often it is asked", async () => {
    const user = await harness.signIn();
    const id = await upload(user.userId, new TextEncoder().encode("a,b\nc,d\n"), "text/csv");
    const first = await importDeck(user, id, "CSV");
    const again = await importDeck(user, id, "CSV");
    expect(again.id).toBe(first.id);
    const job = await finished(user, first.id);
    expect((await importDeck(user, id, "CSV")).id).toBe(first.id);
    expect(await storedDeck(job.topic?.id ?? "")).toHaveLength(2);
  });

  it("fails the job for another user's upload, a wrong type and an anki21b package", async () => {
    const user = await harness.signIn();
    const other = await harness.signIn();
    const foreign = await upload(other.userId, new TextEncoder().encode("a,b\n"), "text/csv");
    const stolen = await finished(user, (await importDeck(user, foreign, "CSV")).id);
    expect(stolen).toMatchObject({ status: "FAILED", done: 0, topic: null });
    expect(stolen.failureReason).toMatch(/upload is not there/);

    const csvAsApkg = await upload(user.userId, new TextEncoder().encode("a,b\n"), "text/csv");
    const wrongType = await finished(user, (await importDeck(user, csvAsApkg, "APKG")).id);
    expect(wrongType.failureReason).toMatch(/application\/zip/);

    const { zipSync } = await import("fflate");
    const anki21b = zipSync({ "collection.anki21b": new Uint8Array([1, 2, 3]) });
    const newest = await finished(
      user,
      (await importDeck(user, await upload(user.userId, anki21b, "application/zip"), "APKG")).id,
    );
    expect(newest.failureReason).toMatch(/anki21b/);
  });

  it("answers bad input and foreign topics with codes", async () => {
    const user = await harness.signIn();
    const other = await harness.signIn();
    const topicId = await sampleTopic(other);
    expect(
      await errorCode(
        user.client.request(
          "mutation { exportDeck(topicId: $t, format: CSV) { url } }".replace(
            "$t",
            JSON.stringify(topicId),
          ),
        ),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await errorCode(
        user.client.request(
          'mutation { importDeck(input: { uploadId: "nope", format: CSV }) { id } }',
        ),
      ),
    ).toBe("BAD_USER_INPUT");
    const { importJob } = await user.client.request<{ importJob: JobView | null }>(
      `query ($id: ID!) { importJob(id: $id) { id } }`,
      { id: randomUUID() },
    );
    expect(importJob).toBeNull();
  });

  it("caps the exports one user has waiting for download", async () => {
    const user = await harness.signIn();
    const topicId = await sampleTopic(user);
    const exportCsv = () =>
      user.client.request(
        "mutation ($topicId: ID!) { exportDeck(topicId: $topicId, format: CSV) { url } }",
        {
          topicId,
        },
      );
    for (let i = 0; i < MAX_OPEN_EXPORTS; i++) await exportCsv();
    expect(await errorCode(exportCsv())).toBe("RATE_LIMITED");
  });

  it("refuses a tampered download URL", async () => {
    const user = await harness.signIn();
    const topicId = await sampleTopic(user);
    const { exportDeck } = await user.client.request<{ exportDeck: { url: string } }>(
      "mutation ($topicId: ID!) { exportDeck(topicId: $topicId, format: CSV) { url } }",
      { topicId },
    );
    const tampered = new URL(exportDeck.url);
    tampered.searchParams.set("expires", String(Date.now() + 86_400_000));
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("sweeps an export's file and row once its URL has expired", async () => {
    const user = await harness.signIn();
    const topicId = await sampleTopic(user);
    const { exportDeck } = await user.client.request<{ exportDeck: { url: string } }>(
      "mutation ($topicId: ID!) { exportDeck(topicId: $topicId, format: APKG) { url } }",
      { topicId },
    );
    const exportId = new URL(exportDeck.url).pathname.split("/").at(-1) ?? "";
    const db = harness.subgraph.deps.db;
    expect(await blobs.get(exportKey(exportId))).toBeDefined();
    const sweeper = startExportSweeper({
      db,
      blobs,
      log: harness.subgraph.deps.log,
      intervalMs: 20,
    });
    try {
      // Not yet expired: the sweeper leaves it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await blobs.get(exportKey(exportId))).toBeDefined();
      await db
        .update(deckExports)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(deckExports.id, exportId));
      await waitFor(async () => ((await blobs.get(exportKey(exportId))) ? undefined : true), {
        what: "the expired export's file to go",
      });
      expect(await db.select().from(deckExports).where(eq(deckExports.id, exportId))).toEqual([]);
      expect((await fetch(exportDeck.url)).status).toBe(404);
    } finally {
      await sweeper.stop();
    }
  });

  it("imports 5,000 cards in seconds, announcing progress batch by batch", async () => {
    const user = await harness.signIn();
    const updates: EventEnvelope<"learning.import_job_updated">[] = await harness.events.listen(
      "learning.import_job_updated",
      user.userId,
    );
    const rows = Array.from({ length: 5_000 }, (_, i) => `question ${i},answer ${i},Big deck`);
    const id = await upload(user.userId, new TextEncoder().encode(rows.join("\n")), "text/csv");
    const started = Date.now();
    const job = await finished(user, (await importDeck(user, id, "CSV")).id, 30_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(job).toMatchObject({ status: "SUCCEEDED", total: 5_000, done: 5_000, errorCount: 0 });
    const ofJob = await waitFor(() => {
      const mine = updates.filter((update) => update.data.id === job.id);
      return mine.at(-1)?.data.status === "SUCCEEDED" ? mine : undefined;
    });
    const progress = ofJob.map((update) => [update.data.status, update.data.done]);
    expect(progress).toEqual([
      ["QUEUED", 0],
      ["RUNNING", 0],
      ...Array.from({ length: 10 }, (_, i) => ["RUNNING", (i + 1) * 500]),
      ["SUCCEEDED", 5_000],
    ]);
    const cards = await storedDeck(job.topic?.id ?? "");
    expect(cards).toHaveLength(5_000);
    expect(cards[4_999]).toMatchObject({ front: "question 4999", back: "answer 4999" });
  });
});
