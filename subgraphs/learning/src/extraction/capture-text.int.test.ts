import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localBlobStore, uploadKey } from "@kai/blob";
import { buildEvent, type EventData, type EventEnvelope } from "@kai/events";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LearningHarness, startLearningHarness } from "../testing/learning-harness.ts";
import { textPng } from "./testing/text-png.ts";

const ARTICLE = `<!doctype html><html><head><title>How vaccines train immunity</title></head><body>
<nav><a href="/">Home</a> <a href="/deals">Discount mattress deals</a></nav>
<article><h1>How vaccines train immunity</h1>
<p>Vaccines expose the immune system to a harmless antigen so that it can learn to recognise a pathogen without causing disease. After vaccination, B cells produce antibodies that bind the antigen.</p>
<p>Memory B cells and memory T cells persist for years after vaccination. When the real pathogen appears, these memory cells respond within hours instead of days, which prevents severe illness.</p>
<p>Booster doses increase the number of memory cells and raise antibody levels again when protection has waned over time.</p>
</article><footer>Sign up for mattress deals. Cookie settings.</footer></body></html>`;

const LECTURE_PAGE = `<html><body><h1>Lecture 3</h1><video src="/lecture.mp4">
<track kind="captions" srclang="en" src="captions/lecture.vtt"></video></body></html>`;
const LECTURE_CAPTIONS = `WEBVTT

00:00:00.000 --> 00:00:04.000
The heart pumps blood through two circuits.

00:00:04.000 --> 00:00:09.000
The pulmonary circuit carries blood to the lungs to pick up oxygen.

00:00:09.000 --> 00:00:14.000
The systemic circuit carries oxygenated blood from the left ventricle to the body.
`;

let harness: LearningHarness;
let server: Server;
let base: string;
let blobDir: string;
const owner = randomUUID();
let processed: EventEnvelope<"learning.capture_processed">[];

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/vaccines") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(ARTICLE);
    } else if (request.url === "/lecture") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(LECTURE_PAGE);
    } else if (request.url === "/captions/lecture.vtt") {
      response.writeHead(200, { "content-type": "text/vtt" });
      response.end(LECTURE_CAPTIONS);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  blobDir = await mkdtemp(join(tmpdir(), "kai-learning-blobs-"));
  // The local page is on loopback: allowed here, as the SSRF guard is tested on its own.
  harness = await startLearningHarness({ URL_FETCH_ALLOW_PRIVATE: "true", BLOB_DIR: blobDir });
  processed = await harness.events.listen("learning.capture_processed", owner);
});

afterAll(async () => {
  await harness?.dispose();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await rm(blobDir, { recursive: true, force: true });
});

async function outcome(
  data: Omit<EventData<"captures.capture_created">, "captureId">,
): Promise<EventEnvelope<"learning.capture_processed">> {
  const captureId = randomUUID();
  await harness.events.publish(
    buildEvent("captures.capture_created", owner, { captureId, ...data }),
  );
  return waitFor(() => processed.find((event) => event.data.captureId === captureId), {
    what: `learning.capture_processed for ${captureId}`,
    timeoutMs: 20_000,
  });
}

async function cardsOf(topicId: string | null): Promise<string> {
  const client = await harness.clientFor(owner);
  const { topic } = await client.request<{
    topic: { flashcards: { front: string; back: string }[] };
  }>(`query ($id: ID!) { topic(id: $id) { flashcards { front back } } }`, { id: topicId });
  return topic.flashcards.map((card) => `${card.front} ${card.back}`).join("\n");
}

describe("reading captures", () => {
  it("makes a link's cards from its article, not its menus, and reports what it read", async () => {
    const event = await outcome({
      type: "URL",
      content: "read later",
      source: `${base}/vaccines`,
      tags: [],
    });
    expect(event.data).toMatchObject({ status: "PROCESSED", title: "How vaccines train immunity" });
    expect(event.data.extractedText).toContain("Memory B cells and memory T cells persist");
    expect(event.data.extractedText).not.toMatch(/mattress|Cookie/);
    const cards = await cardsOf(event.data.topicId);
    expect(cards).toMatch(/memory|antigen|vaccin/i);
    expect(cards).not.toMatch(/mattress|read later/i);
  });

  it("fails a link that cannot be read, saying why", async () => {
    const missing = await outcome({ type: "URL", content: "", source: `${base}/nope`, tags: [] });
    expect(missing.data).toMatchObject({ status: "FAILED", topicId: null });
    expect(missing.data.reason).toMatch(/could not read .*HTTP 404/);
  });

  it("reads a screenshot's text by OCR and makes cards from it", async () => {
    const uploadId = randomUUID();
    await localBlobStore(blobDir).put(
      uploadKey(uploadId),
      await textPng([
        "The mitochondrion is the powerhouse of the cell.",
        "Mitochondria produce ATP through cellular respiration.",
        "Ribosomes build proteins from amino acids.",
      ]),
      "image/png",
    );
    const event = await outcome({
      type: "SCREENSHOT",
      content: "",
      source: null,
      tags: [],
      uploadId,
    });
    expect(event.data.status).toBe("PROCESSED");
    expect(event.data.extractedText).toMatch(/Mitochondria produce ATP/);
    expect(await cardsOf(event.data.topicId)).toMatch(/mitochondri|ATP|ribosome/i);
  });

  it("fails a screenshot whose image is gone", async () => {
    const event = await outcome({
      type: "SCREENSHOT",
      content: "",
      source: null,
      tags: [],
      uploadId: randomUUID(),
    });
    expect(event.data).toMatchObject({
      status: "FAILED",
      reason: expect.stringMatching(/no longer stored/),
    });
  });

  it("learns from a video's caption track", async () => {
    const event = await outcome({
      type: "VIDEO",
      content: "",
      source: `${base}/lecture`,
      tags: [],
    });
    expect(event.data.status).toBe("PROCESSED");
    expect(event.data.extractedText).toContain("The pulmonary circuit carries blood to the lungs");
    expect(event.data.extractedText).not.toMatch(/-->|WEBVTT/);
    expect(await cardsOf(event.data.topicId)).toMatch(/circuit|heart|blood|ventricle/i);
  });

  it("fails a video without a transcript with a reason the owner can act on", async () => {
    const event = await outcome({
      type: "VIDEO",
      content: "a lecture",
      source: `${base}/vaccines`,
      tags: [],
    });
    expect(event.data).toMatchObject({
      status: "FAILED",
      reason: expect.stringMatching(/transcript/),
    });
  });
});

describe("link captures without URL_FETCH_ALLOW_PRIVATE", () => {
  it("refuses to fetch a loopback address and fails the capture, saying why", async () => {
    const guarded = await startLearningHarness({ BLOB_DIR: blobDir });
    try {
      const seen = await guarded.events.listen("learning.capture_processed", owner);
      const captureId = randomUUID();
      await guarded.events.publish(
        buildEvent("captures.capture_created", owner, {
          captureId,
          type: "URL",
          content: "",
          source: `${base}/vaccines`,
          tags: [],
        }),
      );
      const event = await waitFor(() => seen.find((e) => e.data.captureId === captureId), {
        what: "the refused link's outcome",
      });
      expect(event.data).toMatchObject({ status: "FAILED", topicId: null });
      expect(event.data.reason).toMatch(/private or local address/);
    } finally {
      await guarded.dispose();
    }
  });
});
