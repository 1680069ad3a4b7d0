import { describe, expect, it } from "vitest";
import { bytesMatchType } from "./upload-types.ts";

const text = (value: string) => new TextEncoder().encode(value);

describe("bytesMatchType", () => {
  it.each([
    ["UTF-8 text as text/csv", text("front,back\nça,va\n"), "text/csv", true],
    ["a NUL byte as text/csv", new Uint8Array([0x61, 0x00]), "text/csv", false],
    ["invalid UTF-8 as text/csv", new Uint8Array([0xc3, 0x28]), "text/csv", false],
    [
      "a zip header as application/zip",
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9]),
      "application/zip",
      true,
    ],
    ["text as application/zip", text("PK not a zip"), "application/zip", false],
    [
      "a PNG signature as image/png",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      "image/png",
      true,
    ],
    ["anything as an unknown type", text("a,b"), "text/html", false],
  ])("%s: %s", (_, bytes, type, expected) => {
    expect(bytesMatchType(bytes, type)).toBe(expected);
  });
});
