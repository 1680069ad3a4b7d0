import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localBlobStore, uploadKey } from "@kai/blob";
import { buildEvent, type EventEnvelope } from "@kai/events";
import { type GeminiReply, type GeminiStub, startGeminiStub, waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiCalls } from "../db/schema.ts";
import { type LearningHarness, startLearningHarness } from "../testing/learning-harness.ts";
import { textPng } from "./testing/text-png.ts";

const MODEL = "vision-model";
const TRANSCRIPT =
  "Plate tectonics moves the continents.\nEarthquakes happen where plates meet.\nMagma rises at mid-ocean ridges.";
const DECK = {
  topicName: "Plate tectonics",
  cards: [
    { front: "What moves the continents?", back: "Plate tectonics." },
    { front: "Where do earthquakes happen?", back: "Where tectonic plates meet." },
    { front: "Where does magma rise?", back: "At mid-ocean ridges." },
  ],
};

let stub: GeminiStub;
let harness: LearningHarness;
let blobDir: string;
/** Whether the stub reads screenshots; when false it answers the OCR prompt with 500s. */
let visionUp = true;

const isOcr = (prompt: string) => prompt.includes("You transcribe screenshots");
const isTranscript = (prompt: string) => prompt.includes("You transcribe videos");
const SPOKEN =
  "Plate tectonics moves the continents. Earthquakes happen where plates meet. Magma rises at mid-ocean ridges.";

beforeAll(async () => {
  stub = await startGeminiStub({
    respond: (request): GeminiReply => {
      if (isTranscript(request.prompt)) return { text: JSON.stringify({ text: SPOKEN }) };
      if (!isOcr(request.prompt)) return { text: JSON.stringify(DECK) };
      return visionUp ? { text: JSON.stringify({ text: TRANSCRIPT }) } : { status: 500 };
    },
  });
  blobDir = await mkdtemp(join(tmpdir(), "kai-learning-ocr-"));
  harness = await startLearningHarness({
    GEMINI_API_KEY: "test-key",
    GEMINI_BASE_URL: stub.url,
    GEMINI_MODEL: MODEL,
    GEMINI_FALLBACK_MODEL: "none",
    GEMINI_RETRIES: "0",
    BLOB_DIR: blobDir,
  });
});

afterAll(async () => {
  await harness?.dispose();
  await stub?.dispose();
  await rm(blobDir, { recursive: true, force: true });
});

async function screenshotOutcome(
  lines: string[],
): Promise<{ event: EventEnvelope<"learning.capture_processed">; png: Uint8Array; owner: string }> {
  const owner = randomUUID();
  const processed = await harness.events.listen("learning.capture_processed", owner);
  const uploadId = randomUUID();
  const png = await textPng(lines);
  await localBlobStore(blobDir).put(uploadKey(uploadId), png, "image/png");
  const captureId = randomUUID();
  await harness.events.publish(
    buildEvent("captures.capture_created", owner, {
      captureId,
      type: "SCREENSHOT",
      content: "",
      source: null,
      tags: [],
      uploadId,
    }),
  );
  const event = await waitFor(() => processed.find((e) => e.data.captureId === captureId), {
    what: `the screenshot's outcome`,
    timeoutMs: 20_000,
  });
  return { event, png, owner };
}

describe("OCR by Gemini", () => {
  it("sends the screenshot as vision input, books the call and makes cards from the answer", async () => {
    visionUp = true;
    stub.requests.length = 0;
    const { event, png, owner } = await screenshotOutcome(["Anything at all in the picture"]);
    expect(event.data).toMatchObject({ status: "PROCESSED", extractedText: TRANSCRIPT });
    const ocr = stub.requests.find((request) => isOcr(request.prompt));
    if (!ocr) throw new Error("no OCR request reached the model");
    const body = ocr.body as { contents: { parts: { inlineData?: unknown }[] }[] };
    const parts = body.contents[0]?.parts;
    expect(parts).toContainEqual({
      inlineData: { mimeType: "image/png", data: Buffer.from(png).toString("base64") },
    });
    const booked = await harness.subgraph.deps.db
      .select({ purpose: aiCalls.purpose, outcome: aiCalls.outcome })
      .from(aiCalls)
      .where(eq(aiCalls.ownerId, owner));
    expect(booked).toContainEqual({ purpose: "ocr", outcome: "ok" });
  });

  it("falls back to Tesseract when no model reads the screenshot", async () => {
    visionUp = false;
    const { event, owner } = await screenshotOutcome([
      "Glaciers carve U-shaped valleys.",
      "Moraines are ridges of debris left by glaciers.",
    ]);
    expect(event.data.status).toBe("PROCESSED");
    expect(event.data.extractedText).toMatch(/Glaciers carve U-shaped valleys/);
    const booked = await harness.subgraph.deps.db
      .select({ purpose: aiCalls.purpose, outcome: aiCalls.outcome })
      .from(aiCalls)
      .where(eq(aiCalls.ownerId, owner));
    expect(booked).toContainEqual({ purpose: "ocr", outcome: "server_error" });
  });
});

describe("video transcripts by Gemini", () => {
  it("hands a YouTube address to the model and makes cards from what is said", async () => {
    stub.requests.length = 0;
    const owner = randomUUID();
    const processed = await harness.events.listen("learning.capture_processed", owner);
    const captureId = randomUUID();
    const url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    await harness.events.publish(
      buildEvent("captures.capture_created", owner, {
        captureId,
        type: "VIDEO",
        content: "",
        source: url,
        tags: [],
      }),
    );
    const event = await waitFor(() => processed.find((e) => e.data.captureId === captureId), {
      what: "the video's outcome",
    });
    expect(event.data).toMatchObject({ status: "PROCESSED", extractedText: SPOKEN });
    const asked = stub.requests.find((request) => isTranscript(request.prompt));
    if (!asked) throw new Error("no transcript request reached the model");
    const body = asked.body as { contents: { parts: { fileData?: unknown }[] }[] };
    expect(body.contents[0]?.parts).toContainEqual({
      fileData: { mimeType: "video/mp4", fileUri: url },
    });
    const booked = await harness.subgraph.deps.db
      .select({ purpose: aiCalls.purpose })
      .from(aiCalls)
      .where(eq(aiCalls.ownerId, owner));
    expect(booked).toContainEqual({ purpose: "transcript" });
  });
});
