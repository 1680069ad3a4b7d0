import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textPng } from "../subgraphs/learning/src/extraction/testing/text-png.ts";
import { errorCode, register, type Session } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe, waitForLive } from "./support/subscriptions.ts";

/**
 * Captures end to end, through the gateway: a screenshot uploaded with a signed URL and read by
 * OCR, a link fetched from a local web server and reduced to its article, live status over the
 * `captureProcessed` subscription, full-text search of captures and cards, edit and delete.
 */

const ARTICLE = `<!doctype html><html><head><title>The water cycle</title></head><body>
<nav><a href="/">Home</a> <a href="/shop">Umbrella shop</a> <a href="/login">Sign in</a></nav>
<article><h1>The water cycle</h1>
<p>Evaporation turns liquid water from oceans and lakes into water vapour when the sun heats the surface. Transpiration from the leaves of plants adds more vapour to the air.</p>
<p>Condensation happens when the vapour cools high in the atmosphere and forms the droplets of clouds. Precipitation returns the water to the ground as rain, snow or hail.</p>
<p>Runoff carries the water over land into rivers, and infiltration lets it soak into the soil to refill groundwater aquifers.</p>
</article><footer>Umbrella shop newsletter. Cookie settings.</footer></body></html>`;

const CAPTURE = `id type status failureReason content title extractedText uploadId tags
  topic { id name } flashcards { id front back }`;

interface Capture {
  id: string;
  type: string;
  status: string;
  failureReason: string | null;
  content: string;
  title: string | null;
  extractedText: string | null;
  uploadId: string | null;
  tags: string[];
  topic: { id: string; name: string } | null;
  flashcards: { id: string; front: string; back: string }[];
}

let stack: Stack;
let site: Server;
let siteUrl: string;
let blobDir: string;

beforeAll(async () => {
  site = createServer((request, response) => {
    if (request.url === "/water-cycle") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(ARTICLE);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  blobDir = await mkdtemp(join(tmpdir(), "kai-e2e-blobs-"));
  // The test's web server is on loopback, which link captures refuse unless told otherwise.
  stack = await startStack({ env: { BLOB_DIR: blobDir, URL_FETCH_ALLOW_PRIVATE: "true" } });
});

afterAll(async () => {
  await stack?.stop();
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
  await rm(blobDir, { recursive: true, force: true });
});

async function create(session: Session, input: object): Promise<string> {
  const { createCapture } = await session.client.request<{ createCapture: { id: string } }>(
    "mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { id status } }",
    { input },
  );
  return createCapture.id;
}

async function read(session: Session, id: string): Promise<Capture> {
  const { capture } = await session.client.request<{ capture: Capture }>(
    `query ($id: ID!) { capture(id: $id) { ${CAPTURE} } }`,
    { id },
  );
  return capture;
}

/** Subscribes before acting, and resolves with the pushed capture once `act` made one. */
async function processedLive(session: Session, act: () => Promise<string>): Promise<Capture> {
  const socket = connectSocket(stack.gateway, { token: session.accessToken });
  try {
    const feed = subscribe<{ captureProcessed: Capture }>(
      socket,
      `subscription { captureProcessed { ${CAPTURE} } }`,
    );
    await waitForLive(stack.gateway, 1);
    const id = await act();
    const result = await feed.until(
      (pushed) => pushed.data?.captureProcessed.id === id,
      `captureProcessed for ${id}`,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.captureProcessed;
  } finally {
    await socket.dispose();
  }
}

async function uploadScreenshot(session: Session, png: Uint8Array): Promise<string> {
  const { createUploadUrl } = await session.client.request<{
    createUploadUrl: { uploadId: string; uploadUrl: string };
  }>(
    `mutation ($input: CreateUploadUrlInput!) {
      createUploadUrl(input: $input) { uploadId uploadUrl expiresAt }
    }`,
    { input: { contentType: "image/png", size: png.length } },
  );
  const put = await fetch(createUploadUrl.uploadUrl, {
    method: "PUT",
    body: png,
    headers: { "content-type": "image/png" },
  });
  expect(put.status).toBe(201);
  return createUploadUrl.uploadId;
}

describe("captures, complete", () => {
  it("reads an uploaded screenshot by OCR and pushes the processed capture live", async () => {
    const ada = await register(stack, "Ada");
    const png = await textPng([
      "Neurons communicate across synapses.",
      "Dopamine is a neurotransmitter linked to reward.",
      "Myelin speeds up the signals along axons.",
    ]);
    const uploadId = await uploadScreenshot(ada, png);
    const pushed = await processedLive(ada, () =>
      create(ada, { type: "SCREENSHOT", uploadId, tags: ["Neuro"] }),
    );
    expect(pushed).toMatchObject({
      type: "SCREENSHOT",
      status: "PROCESSED",
      uploadId,
      tags: ["neuro"],
    });
    expect(pushed.extractedText).toMatch(/Dopamine is a neurotransmitter/);
    // Fields other subgraphs own resolve in the pushed payload too.
    expect(pushed.topic?.name).toBeTruthy();
    expect(pushed.flashcards.length).toBeGreaterThan(0);
    expect(pushed.flashcards.map((card) => `${card.front} ${card.back}`).join(" ")).toMatch(
      /neuro|synaps|dopamine|myelin|axon/i,
    );
    expect(await readdir(join(blobDir, "uploads"))).toContain(uploadId);
    expect(await read(ada, pushed.id)).toMatchObject({
      status: "PROCESSED",
      extractedText: pushed.extractedText,
    });
  });

  it("fetches a link, learns from its article and not its menus, and finds it by search", async () => {
    const grace = await register(stack, "Grace");
    const pushed = await processedLive(grace, () =>
      create(grace, { type: "URL", content: "for the exam", source: `${siteUrl}/water-cycle` }),
    );
    expect(pushed).toMatchObject({
      status: "PROCESSED",
      title: "The water cycle",
      content: "for the exam",
    });
    expect(pushed.extractedText).toMatch(/Condensation happens when the vapour cools/);
    expect(pushed.extractedText).not.toMatch(/Umbrella|Cookie/);
    const cards = pushed.flashcards.map((card) => `${card.front} ${card.back}`).join(" ");
    expect(cards).toMatch(/evaporation|condensation|precipitation|runoff|vapour|infiltration/i);
    expect(cards).not.toMatch(/umbrella|exam/i);

    // Search reads the article's words (stemmed) and only the caller's captures.
    const search = async (session: Session, query: string) =>
      (
        await session.client.request<{ captures: { edges: { node: { id: string } }[] } }>(
          "query ($f: CaptureFilter) { captures(first: 10, filter: $f) { edges { node { id } } } }",
          { f: { query } },
        )
      ).captures.edges.map((edge) => edge.node.id);
    expect(await search(grace, "aquifers")).toEqual([pushed.id]);
    const stranger = await register(stack, "Mallory");
    expect(await search(stranger, "aquifers")).toEqual([]);

    const { searchFlashcards } = await grace.client.request<{
      searchFlashcards: { totalCount: number; edges: { node: { id: string } }[] };
    }>(
      `query ($q: String!) { searchFlashcards(query: $q, first: 5) { totalCount edges { node { id } } } }`,
      { q: "water OR vapour OR condensation OR evaporation OR precipitation" },
    );
    expect(searchFlashcards.totalCount).toBeGreaterThan(0);
    const ids = new Set(pushed.flashcards.map((card) => card.id));
    for (const edge of searchFlashcards.edges) expect(ids.has(edge.node.id)).toBe(true);
  });

  it("fails a video and an unreadable link, saying why", async () => {
    const ada = await register(stack, "Ada");
    const video = await processedLive(ada, () =>
      create(ada, { type: "VIDEO", content: "lecture 3", source: "https://video.example/3" }),
    );
    expect(video).toMatchObject({ status: "FAILED", topic: null });
    expect(video.failureReason).toMatch(/transcript/);
    const missing = await processedLive(ada, () =>
      create(ada, { type: "URL", content: "x", source: `${siteUrl}/missing` }),
    );
    expect(missing.failureReason).toMatch(/HTTP 404/);
  });

  it("edits and deletes a capture; its topic and cards stay", async () => {
    const ada = await register(stack, "Ada");
    const other = await register(stack, "Eve");
    const pushed = await processedLive(ada, () =>
      create(ada, { type: "URL", content: "keep", source: `${siteUrl}/water-cycle` }),
    );
    const { updateCapture } = await ada.client.request<{ updateCapture: Capture }>(
      `mutation ($input: UpdateCaptureInput!) { updateCapture(input: $input) { ${CAPTURE} } }`,
      { input: { id: pushed.id, tags: ["Geography", "exam"] } },
    );
    expect(updateCapture.tags).toEqual(["geography", "exam"]);
    const remove = (session: Session) =>
      session.client.request<{ deleteCapture: boolean }>(
        "mutation ($id: ID!) { deleteCapture(id: $id) }",
        { id: pushed.id },
      );
    expect(await errorCode(remove(other))).toBe("NOT_FOUND");
    expect(await remove(ada)).toEqual({ deleteCapture: true });
    expect(await errorCode(read(ada, pushed.id))).toBe("NOT_FOUND");
    const { topic } = await ada.client.request<{ topic: { flashcards: { id: string }[] } | null }>(
      "query ($id: ID!) { topic(id: $id) { flashcards { id } } }",
      { id: pushed.topic?.id },
    );
    expect(topic?.flashcards.map((card) => card.id).sort()).toEqual(
      pushed.flashcards.map((card) => card.id).sort(),
    );
  });
});
