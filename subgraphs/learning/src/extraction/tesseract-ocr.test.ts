import { describe, expect, it } from "vitest";
import { OcrUnavailable, tesseractReader } from "./tesseract-ocr.ts";
import { textPng } from "./testing/text-png.ts";

const ids = { ownerId: crypto.randomUUID(), captureId: crypto.randomUUID() };

describe("tesseractReader", () => {
  it("reads the words of a screenshot", async () => {
    const bytes = await textPng([
      "Mitochondria produce most of the cell's ATP.",
      "Ribosomes assemble proteins from amino acids.",
    ]);
    const text = await tesseractReader({ languages: "eng", timeoutMs: 20_000 }).read({
      bytes,
      type: "image/png",
      ...ids,
    });
    expect(text).toMatch(/Mitochondria produce most of the cell/);
    expect(text).toMatch(/Ribosomes assemble proteins/);
  });

  it("says OCR is unavailable when tesseract cannot run", async () => {
    const reader = tesseractReader({
      command: "/nonexistent/tesseract",
      languages: "eng",
      timeoutMs: 1_000,
    });
    await expect(
      reader.read({ bytes: new Uint8Array([1, 2, 3]), type: "image/png", ...ids }),
    ).rejects.toBeInstanceOf(OcrUnavailable);
  });

  it("fails an image tesseract cannot decode as unavailable, not as text", async () => {
    const reader = tesseractReader({ languages: "eng", timeoutMs: 10_000 });
    await expect(
      reader.read({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), type: "image/png", ...ids }),
    ).rejects.toBeInstanceOf(OcrUnavailable);
  });
});
