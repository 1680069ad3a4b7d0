import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkKey, uploadKey } from "./blob-store.ts";
import { sniffImageType } from "./image-type.ts";
import { localBlobStore } from "./local-blob-store.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("localBlobStore", () => {
  it("stores, reads back and deletes bytes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kai-blob-"));
    dirs.push(dir);
    const store = localBlobStore(dir);
    const key = uploadKey("0f8fad5b-d9cb-469f-a165-70867728950e");
    await store.put(key, new Uint8Array([1, 2, 3]), "application/octet-stream");
    expect(await store.get(key)).toEqual(new Uint8Array([1, 2, 3]));
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key);
  });
});

describe("checkKey", () => {
  it.each(["../etc/passwd", "/abs", "a//b", "UPPER", "", "a/../b"])("refuses %j", (key) => {
    expect(() => checkKey(key)).toThrow(RangeError);
  });
});

describe("sniffImageType", () => {
  it.each([
    ["png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], "image/png"],
    ["jpeg", [0xff, 0xd8, 0xff, 0xe0], "image/jpeg"],
    ["gif", [...Buffer.from("GIF89a")], "image/gif"],
    ["webp", [...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBP")], "image/webp"],
    ["html", [...Buffer.from("<html>")], undefined],
    ["empty", [], undefined],
  ])("%s", (_, bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type);
  });
});
