import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { localBlobStore, readUpload, uploadKey } from "@kai/blob";
import { buildEvent } from "@kai/events";
import { errorCode } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { inArray } from "drizzle-orm";
import type { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploads } from "./db/schema.ts";
import { MAX_OPEN_UPLOADS } from "./resolvers/mutation-create-upload-url.ts";
import { type CapturesHarness, startCapturesHarness } from "./testing/harness.ts";

let harness: CapturesHarness;

beforeAll(async () => {
  harness = await startCapturesHarness({
    UPLOAD_MAX_BYTES: "4096",
    UPLOAD_SWEEP_INTERVAL_SECONDS: "0.2",
  });
});

afterAll(() => harness?.dispose());

// The smallest valid PNG signature and header: the magic bytes are what the route checks.
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

interface Capture {
  id: string;
  type: string;
  content: string;
  source: string | null;
  tags: string[];
  uploadId: string | null;
  updatedAt: string;
}

const FIELDS = "id type content source tags uploadId updatedAt";

async function create(client: GraphQLClient, input: object): Promise<Capture> {
  const answer = await client.request<{ createCapture: Capture }>(
    `mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { ${FIELDS} } }`,
    { input },
  );
  return answer.createCapture;
}

const update = (client: GraphQLClient, input: object) =>
  client.request<{ updateCapture: Capture }>(
    `mutation ($input: UpdateCaptureInput!) { updateCapture(input: $input) { ${FIELDS} } }`,
    { input },
  );

const remove = (client: GraphQLClient, id: string) =>
  client.request<{ deleteCapture: boolean }>(`mutation ($id: ID!) { deleteCapture(id: $id) }`, {
    id,
  });

async function search(client: GraphQLClient, query: string, first = 10, after?: string) {
  const answer = await client.request<{
    captures: {
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
    };
  }>(
    `query ($first: Int, $after: String, $filter: CaptureFilter) {
      captures(first: $first, after: $after, filter: $filter) {
        edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount
      }
    }`,
    { first, after, filter: { query } },
  );
  return answer.captures;
}

describe("updateCapture", () => {
  it("replaces tags and source, keeping the rest", async () => {
    const { client } = await harness.signIn();
    const capture = await create(client, { type: "TEXT", content: "Leitner boxes", tags: ["a"] });
    const { updateCapture } = await update(client, {
      id: capture.id,
      tags: [" Memory ", "memory", "Boxes"],
      source: "Kindle",
    });
    expect(updateCapture).toMatchObject({
      content: "Leitner boxes",
      tags: ["memory", "boxes"],
      source: "Kindle",
    });
    expect(Date.parse(updateCapture.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(capture.updatedAt),
    );
    const cleared = await update(client, { id: capture.id, source: null });
    expect(cleared.updateCapture).toMatchObject({ source: null, tags: ["memory", "boxes"] });
  });

  it("keeps a URL capture's source an http(s) address", async () => {
    const { client } = await harness.signIn();
    const capture = await create(client, {
      type: "URL",
      content: "later",
      source: "https://example.com/a",
    });
    expect(await errorCode(update(client, { id: capture.id, source: null }))).toBe(
      "BAD_USER_INPUT",
    );
    expect(await errorCode(update(client, { id: capture.id, source: "ftp://x" }))).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("answers NOT_FOUND for another user's capture and changes nothing", async () => {
    const owner = await harness.signIn();
    const other = await harness.signIn();
    const capture = await create(owner.client, { type: "TEXT", content: "mine", tags: ["x"] });
    expect(await errorCode(update(other.client, { id: capture.id, tags: [] }))).toBe("NOT_FOUND");
    expect(await errorCode(update(other.client, { id: "nope", tags: [] }))).toBe("NOT_FOUND");
    const { capture: after } = await owner.client.request<{ capture: Capture }>(
      `query ($id: ID!) { capture(id: $id) { ${FIELDS} } }`,
      { id: capture.id },
    );
    expect(after.tags).toEqual(["x"]);
  });
});

describe("deleteCapture", () => {
  it("deletes the owner's capture once and announces it", async () => {
    const owner = await harness.signIn();
    const other = await harness.signIn();
    const capture = await create(owner.client, { type: "TEXT", content: "gone soon" });
    expect(await errorCode(remove(other.client, capture.id))).toBe("NOT_FOUND");
    expect(await remove(owner.client, capture.id)).toEqual({ deleteCapture: true });
    expect(await errorCode(remove(owner.client, capture.id))).toBe("NOT_FOUND");
    expect(
      await errorCode(
        owner.client.request(`query ($id: ID!) { capture(id: $id) { id } }`, { id: capture.id }),
      ),
    ).toBe("NOT_FOUND");
    const deleted = await harness.outboxEvents("captures.capture_deleted");
    expect(deleted.filter((event) => event.userId === owner.userId)).toEqual([
      expect.objectContaining({ data: { captureId: capture.id } }),
    ]);
  });
});

describe("full-text search", () => {
  it("ranks matches, pages them and sees only the caller's", async () => {
    const { client } = await harness.signIn();
    const stranger = await harness.signIn();
    await create(stranger.client, { type: "TEXT", content: "photosynthesis in leaves" });
    const weak = await create(client, {
      type: "TEXT",
      content: "A note on gardening; photosynthesis is mentioned once among many other words.",
    });
    const strong = await create(client, {
      type: "TEXT",
      content: "Photosynthesis: photosynthesis converts light; photosynthesis makes sugar.",
    });
    await create(client, { type: "TEXT", content: "Unrelated notes about the French revolution" });

    const all = await search(client, "photosynthesis");
    expect(all.totalCount).toBe(2);
    expect(all.edges.map((edge) => edge.node.id)).toEqual([strong.id, weak.id]);

    const first = await search(client, "photosynthesis", 1);
    expect(first.edges.map((edge) => edge.node.id)).toEqual([strong.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search(client, "photosynthesis", 1, first.pageInfo.endCursor ?? "");
    expect(second.edges.map((edge) => edge.node.id)).toEqual([weak.id]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    // Stemming and web-search syntax: "converts" finds "convert"; "-gardening" excludes.
    expect((await search(client, "convert")).edges.map((edge) => edge.node.id)).toEqual([
      strong.id,
    ]);
    expect(
      (await search(client, "photosynthesis -gardening")).edges.map((edge) => edge.node.id),
    ).toEqual([strong.id]);
    expect((await search(client, '"unbalanced quote')).totalCount).toBe(0);
  });
});

describe("captures.capture_processed", () => {
  it("follows learning's verdict with the capture as stored, extracted text included", async () => {
    const { userId, client } = await harness.signIn();
    const capture = await create(client, {
      type: "URL",
      content: "read this",
      source: "https://example.com/article",
    });
    const event = buildEvent("learning.capture_processed", userId, {
      captureId: capture.id,
      status: "PROCESSED",
      topicId: randomUUID(),
      flashcardCount: 3,
      reason: null,
      title: "The Article",
      extractedText: "The readable text of the article about chlorophyll.",
    });
    await harness.events.publish(event);
    await harness.processed("captures-status-from-learning", event.id);
    const published = await harness.outboxEvents("captures.capture_processed");
    expect(published.filter((e) => e.userId === userId)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          id: capture.id,
          ownerId: userId,
          status: "PROCESSED",
          title: "The Article",
          extractedText: "The readable text of the article about chlorophyll.",
          content: "read this",
        }),
      }),
    ]);
    // The extracted text is searchable.
    expect((await search(client, "chlorophyll")).edges.map((edge) => edge.node.id)).toEqual([
      capture.id,
    ]);
  });
});

interface UploadUrl {
  uploadId: string;
  uploadUrl: string;
  expiresAt: string;
}

async function uploadUrl(client: GraphQLClient, input: object): Promise<UploadUrl> {
  const answer = await client.request<{ createUploadUrl: UploadUrl }>(
    `mutation ($input: CreateUploadUrlInput!) {
      createUploadUrl(input: $input) { uploadId uploadUrl expiresAt }
    }`,
    { input },
  );
  return answer.createUploadUrl;
}

const put = (url: string, body: Uint8Array, type = "image/png") =>
  fetch(url, { method: "PUT", body, headers: { "content-type": type } });

describe("uploads", () => {
  it("stores one PUT of the declared image and attaches it to one SCREENSHOT capture", async () => {
    const { userId, client } = await harness.signIn();
    const grant = await uploadUrl(client, { contentType: "image/png", size: PNG.length });
    expect(Date.parse(grant.expiresAt)).toBeGreaterThan(Date.now());

    const preflight = await fetch(grant.uploadUrl, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("PUT");

    const stored = await put(grant.uploadUrl, PNG);
    expect(stored.status).toBe(201);
    expect(stored.headers.get("access-control-allow-origin")).toBe("*");
    expect(await readFile(join(harness.blobDir, "uploads", grant.uploadId))).toEqual(
      Buffer.from(PNG),
    );
    expect((await put(grant.uploadUrl, PNG)).status).toBe(409);

    const capture = await create(client, { type: "SCREENSHOT", uploadId: grant.uploadId });
    expect(capture).toMatchObject({ content: "", uploadId: grant.uploadId });
    const created = await harness.outboxEvents("captures.capture_created");
    expect(created.find((event) => event.userId === userId)?.data).toMatchObject({
      captureId: capture.id,
      uploadId: grant.uploadId,
    });
    // Used once: a second capture cannot take the same upload.
    expect(await errorCode(create(client, { type: "SCREENSHOT", uploadId: grant.uploadId }))).toBe(
      "BAD_USER_INPUT",
    );

    // Deleting the capture deletes the bytes.
    await remove(client, capture.id);
    await expect(readFile(join(harness.blobDir, "uploads", grant.uploadId))).rejects.toThrow();
  });

  it("refuses what the URL does not grant, with the HTTP status that says why", async () => {
    const { client } = await harness.signIn();
    const grant = await uploadUrl(client, { contentType: "image/png", size: PNG.length });
    const tampered = new URL(grant.uploadUrl);
    tampered.searchParams.set("size", "4000");
    expect((await put(tampered.toString(), PNG)).status).toBe(403);
    expect((await put(grant.uploadUrl, PNG, "image/gif")).status).toBe(415);
    expect((await put(grant.uploadUrl, new Uint8Array([...PNG, 0]))).status).toBe(413);
    const html = new TextEncoder().encode("<html><body>hi</body>").slice(0, PNG.length);
    expect((await put(grant.uploadUrl, html)).status).toBe(415);
    // None of the refusals used the URL up.
    expect((await put(grant.uploadUrl, PNG)).status).toBe(201);
  });

  it("keeps uploads to their owner and to SCREENSHOT captures", async () => {
    const owner = await harness.signIn();
    const other = await harness.signIn();
    const grant = await uploadUrl(owner.client, { contentType: "image/png", size: PNG.length });
    expect(
      await errorCode(create(owner.client, { type: "SCREENSHOT", uploadId: grant.uploadId })),
    ).toBe("BAD_USER_INPUT");
    await put(grant.uploadUrl, PNG);
    expect(
      await errorCode(create(other.client, { type: "SCREENSHOT", uploadId: grant.uploadId })),
    ).toBe("BAD_USER_INPUT");
    expect(
      await errorCode(
        create(owner.client, { type: "TEXT", content: "x", uploadId: grant.uploadId }),
      ),
    ).toBe("BAD_USER_INPUT");
  });

  it("stores deck files with their owner recorded, checked by content, never as screenshots", async () => {
    const { userId, client } = await harness.signIn();
    const csv = new TextEncoder().encode("front,back\nq,a\n");
    const csvGrant = await uploadUrl(client, { contentType: "text/csv", size: csv.length });
    const binary = new Uint8Array([
      0x66, 0x00, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a,
    ]);
    expect((await put(csvGrant.uploadUrl, binary, "text/csv")).status).toBe(415);
    expect((await put(csvGrant.uploadUrl, csv, "text/csv")).status).toBe(201);
    const stored = await readUpload(localBlobStore(harness.blobDir), csvGrant.uploadId);
    expect(stored?.record).toEqual({ ownerId: userId, contentType: "text/csv", size: csv.length });
    expect(stored?.bytes).toEqual(csv);
    expect(
      await errorCode(create(client, { type: "SCREENSHOT", uploadId: csvGrant.uploadId })),
    ).toBe("BAD_USER_INPUT");

    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    const zipGrant = await uploadUrl(client, { contentType: "application/zip", size: 16 });
    expect((await put(zipGrant.uploadUrl, csv.slice(0, 8), "application/zip")).status).toBe(415);
    expect((await put(zipGrant.uploadUrl, zip, "application/zip")).status).toBe(201);
  });

  it.each([
    ["a type that is no image", { contentType: "text/html", size: 10 }],
    ["an empty upload", { contentType: "image/png", size: 0 }],
    ["more than UPLOAD_MAX_BYTES", { contentType: "image/png", size: 4097 }],
  ])("refuses to sign %s", async (_, input) => {
    const { client } = await harness.signIn();
    expect(await errorCode(uploadUrl(client, input))).toBe("BAD_USER_INPUT");
  });
});

describe("upload hygiene", () => {
  it("caps the upload URLs one user holds open", async () => {
    const { client } = await harness.signIn();
    const input = { contentType: "image/png", size: 10 };
    for (let i = 0; i < MAX_OPEN_UPLOADS; i++) await uploadUrl(client, input);
    expect(await errorCode(uploadUrl(client, input))).toBe("RATE_LIMITED");
    const other = await harness.signIn();
    await expect(uploadUrl(other.client, input)).resolves.toHaveProperty("uploadId");
  });

  it("sweeps uploads nobody finished or used, rows and bytes, and keeps the rest", async () => {
    const { db } = harness.subgraph.deps;
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const ownerId = randomUUID();
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // Bytes first: the sweeper runs all along, and must find them when it takes the rows.
    const store = localBlobStore(harness.blobDir);
    for (const id of ids) await store.put(uploadKey(id), PNG, "image/png");
    const upload = (
      id: string | undefined,
      status: "PENDING" | "UPLOADED" | "ATTACHED",
      expiresAt: Date,
    ) => ({
      id,
      ownerId,
      contentType: "image/png",
      declaredSize: 1,
      status,
      expiresAt,
    });
    await db
      .insert(uploads)
      .values([
        upload(ids[0], "PENDING", hoursAgo(2)),
        upload(ids[1], "UPLOADED", hoursAgo(25)),
        upload(ids[2], "UPLOADED", hoursAgo(1)),
        upload(ids[3], "ATTACHED", hoursAgo(99)),
      ]);

    const [pending, unused, recent, attached] = ids as [string, string, string, string];
    await waitFor(
      async () => {
        const left = await db
          .select({ id: uploads.id })
          .from(uploads)
          .where(inArray(uploads.id, ids));
        return left.length === 2 ? left.map((row) => row.id).sort() : undefined;
      },
      { what: "the sweep" },
    ).then((left) => expect(left).toEqual([recent, attached].sort()));
    expect(await store.get(uploadKey(pending))).toBeUndefined();
    expect(await store.get(uploadKey(unused))).toBeUndefined();
    expect(await store.get(uploadKey(recent))).toEqual(PNG);
  });
});
