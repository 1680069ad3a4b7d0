import { describe, expect, it } from "vitest";
import { signedUploadUrl, verifyUploadUrl } from "./upload-signature.ts";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const grant = {
  uploadId: "0f8fad5b-d9cb-469f-a165-70867728950e",
  size: 1234,
  contentType: "image/png",
  expiresAt: new Date("2030-01-01T00:00:00Z"),
};

function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe("upload URLs", () => {
  const url = signedUploadUrl("http://127.0.0.1:4002", grant, secret);

  it("points at the upload and verifies with the same secret", () => {
    expect(new URL(url).pathname).toBe(`/uploads/${grant.uploadId}`);
    expect(verifyUploadUrl(grant.uploadId, queryOf(url), secret)).toEqual(grant);
  });

  it("keeps a base path", () => {
    const behindProxy = signedUploadUrl("https://api.kai.dev/captures", grant, secret);
    expect(new URL(behindProxy).pathname).toBe(`/captures/uploads/${grant.uploadId}`);
  });

  it.each([
    ["a larger size", { size: "99999" }],
    ["another type", { type: "image/gif" }],
    ["a later expiry", { expires: String(Date.parse("2031-01-01T00:00:00Z")) }],
    ["a forged signature", { sig: "x".repeat(43) }],
    ["a missing signature", { sig: undefined }],
  ])("refuses %s", (_, change) => {
    expect(verifyUploadUrl(grant.uploadId, { ...queryOf(url), ...change }, secret)).toBeUndefined();
  });

  it("refuses another upload id and another secret", () => {
    const other = "1f8fad5b-d9cb-469f-a165-70867728950e";
    expect(verifyUploadUrl(other, queryOf(url), secret)).toBeUndefined();
    expect(verifyUploadUrl(grant.uploadId, queryOf(url), `${secret}!`)).toBeUndefined();
  });
});
