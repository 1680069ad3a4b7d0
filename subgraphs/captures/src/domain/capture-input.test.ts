import { encodeCursor, encodeOffsetCursor } from "@kai/db";
import { describe, expect, it } from "vitest";
import { captureFilter, createCaptureInput, isHttpUrl, pageArgs } from "./capture-input.ts";

const text = { type: "TEXT", content: "Spaced repetition works." };
const tags = (count: number) => Array.from({ length: count }, (_, i) => `tag${i}`);

describe("createCaptureInput", () => {
  it.each([
    ["trims content", { ...text, content: "  hi  " }, { content: "hi" }],
    ["defaults source and tags", text, { source: null, tags: [] }],
    ["treats a blank source as none", { ...text, source: "  " }, { source: null }],
    ["keeps free-text sources of other types", { ...text, source: "Kindle" }, { source: "Kindle" }],
    [
      "lower-cases, trims and de-duplicates tags",
      { ...text, tags: [" AI ", "ai", "Machine Learning"] },
      { tags: ["ai", "machine learning"] },
    ],
    [
      "accepts a URL capture with an https source",
      { type: "URL", content: "read later", source: "https://example.com/a?b=c" },
      { source: "https://example.com/a?b=c" },
    ],
    ["accepts 20 tags", { ...text, tags: tags(20) }, { tags: tags(20) }],
    ["accepts 20,000 characters", { ...text, content: "a".repeat(20_000) }, {}],
    [
      "accepts a SCREENSHOT upload without content",
      { type: "SCREENSHOT", uploadId: "0f8fad5b-d9cb-469f-a165-70867728950e" },
      { content: "", uploadId: "0f8fad5b-d9cb-469f-a165-70867728950e" },
    ],
  ])("%s", (_, input, expected) => {
    const parsed = createCaptureInput.safeParse(input);
    expect(parsed.success && parsed.data).toMatchObject(expected);
  });

  it.each([
    ["empty content", { ...text, content: " \n " }, "content"],
    ["oversized content", { ...text, content: "a".repeat(20_001) }, "content"],
    ["oversized source", { ...text, source: "s".repeat(2_049) }, "source"],
    ["a URL capture without source", { type: "URL", content: "x" }, "source"],
    ["a non-http URL", { type: "URL", content: "x", source: "ftp://example.com" }, "source"],
    ["a source that is no URL", { type: "URL", content: "x", source: "example dot com" }, "source"],
    ["too many tags", { ...text, tags: tags(21) }, "tags"],
    ["a blank tag", { ...text, tags: ["ok", "  "] }, "tags.1"],
    ["a long tag", { ...text, tags: ["t".repeat(41)] }, "tags.0"],
    ["an unknown type", { ...text, type: "AUDIO" }, "type"],
    ["an upload on a TEXT capture", { ...text, uploadId: crypto.randomUUID() }, "uploadId"],
    ["an upload id that is no id", { type: "SCREENSHOT", uploadId: "x" }, "uploadId"],
    ["a SCREENSHOT with neither text nor upload", { type: "SCREENSHOT", content: " " }, "content"],
  ])("rejects %s", (_, input, field) => {
    const parsed = createCaptureInput.safeParse(input);
    expect(parsed.error?.issues[0]?.path.join(".")).toBe(field);
  });
});

describe("isHttpUrl", () => {
  it.each([
    ["https://example.com", true],
    ["http://localhost:3000/x", true],
    ["HTTPS://EXAMPLE.COM", true],
    ["javascript:alert(1)", false],
    ["mailto:a@example.com", false],
    ["file:///etc/passwd", false],
    ["example.com", false],
  ])("%s → %s", (url, expected) => {
    expect(isHttpUrl(url)).toBe(expected);
  });
});

describe("pageArgs", () => {
  const position = { createdAt: new Date("2026-01-01T00:00:00.000Z"), id: crypto.randomUUID() };

  it("decodes the cursor and normalizes the filter", () => {
    const parsed = pageArgs.parse({
      first: 5,
      after: encodeCursor(position),
      filter: { type: null, tag: " AI " },
    });
    expect(parsed).toEqual({ first: 5, after: position, skip: 0, filter: { tag: "ai" } });
  });

  it("reads a search page's cursor as a count of matches", () => {
    const parsed = pageArgs.parse({
      first: 5,
      after: encodeOffsetCursor(10),
      filter: { query: "  spaced repetition " },
    });
    expect(parsed).toEqual({ first: 5, skip: 10, filter: { query: "spaced repetition" } });
  });

  it.each([
    ["a newest-first cursor in a search", encodeCursor(position), { query: "memory" }],
    ["a search cursor without a query", encodeOffsetCursor(3), {}],
  ])("rejects %s", (_, after, filter) => {
    expect(pageArgs.safeParse({ first: 1, after, filter }).error?.issues[0]?.path).toEqual([
      "after",
    ]);
  });

  it.each([
    ["first 0", { first: 0 }, "first"],
    ["first 101", { first: 101 }, "first"],
    ["a malformed cursor", { first: 1, after: "nope" }, "after"],
    ["an unknown status", { first: 1, filter: { status: "DONE" } }, "filter.status"],
    ["a blank query", { first: 1, filter: { query: "  " } }, "filter.query"],
    ["a long query", { first: 1, filter: { query: "q".repeat(201) } }, "filter.query"],
  ])("rejects %s", (_, args, field) => {
    expect(pageArgs.safeParse(args).error?.issues[0]?.path.join(".")).toBe(field);
  });

  it("reads a missing filter as no filter", () => {
    expect(captureFilter.parse(undefined)).toEqual({});
  });
});
