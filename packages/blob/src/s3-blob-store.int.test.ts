import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadKey } from "./blob-store.ts";
import { s3BlobStore } from "./s3-blob-store.ts";
import { type S3Stub, startS3Stub } from "./testing/s3-stub.ts";

let stub: S3Stub;

beforeAll(async () => {
  stub = await startS3Stub();
});
afterAll(() => stub?.dispose());

describe("s3BlobStore", () => {
  it("stores, reads back and deletes bytes over the S3 protocol, signing every request", async () => {
    const store = s3BlobStore({
      endpoint: stub.url,
      bucket: "kai-uploads",
      accessKeyId: "AKIATESTKEY",
      secretAccessKey: "test-secret",
      region: "us-east-1",
    });
    try {
      const key = uploadKey("0f8fad5b-d9cb-469f-a165-70867728950e");
      const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      await store.put(key, bytes, "image/png");
      expect(stub.objects.get(`kai-uploads/${key}`)).toEqual({
        body: Buffer.from(bytes),
        contentType: "image/png",
      });
      expect(await store.get(key)).toEqual(bytes);
      await store.delete(key);
      expect(stub.objects.size).toBe(0);
      expect(await store.get(key)).toBeUndefined();
      for (const authorization of stub.authorizations)
        expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATESTKEY\//);
    } finally {
      store.close();
    }
  });
});
