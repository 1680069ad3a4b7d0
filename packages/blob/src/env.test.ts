import { describe, expect, it } from "vitest";
import { z } from "zod";
import { blobEnv, createBlobStore, requireCompleteS3 } from "./env.ts";

const schema = blobEnv.superRefine(requireCompleteS3);
const S3 = {
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_BUCKET: "kai",
  S3_ACCESS_KEY_ID: "key",
  S3_SECRET_ACCESS_KEY: "secret",
};

describe("blob settings", () => {
  it("use the local directory by default and S3 when it is fully configured", () => {
    expect(createBlobStore({ ...schema.parse({}), DATA_DIR: "/tmp/kai" }).kind).toBe("local");
    const s3 = createBlobStore({ ...schema.parse(S3), DATA_DIR: "/tmp/kai" });
    expect(s3.kind).toBe("s3");
    s3.close?.();
  });

  it("refuse half an S3 configuration, naming what is missing", () => {
    const parsed = schema.safeParse({ S3_ENDPOINT: S3.S3_ENDPOINT, S3_BUCKET: "kai" });
    expect(parsed.success).toBe(false);
    expect(z.flattenError(parsed.error!).fieldErrors).toHaveProperty("S3_ACCESS_KEY_ID");
  });

  it("treat empty variables as unset", () => {
    expect(schema.parse({ S3_BUCKET: "", BLOB_DIR: "" })).toMatchObject({ S3_BUCKET: undefined });
  });
});
