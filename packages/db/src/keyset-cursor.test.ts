import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./keyset-cursor.ts";

const position = {
  createdAt: new Date("2026-01-31T09:00:00.123Z"),
  id: "0b6f1a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
};

describe("keyset cursors", () => {
  it("round-trips a position", () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ["empty", ""],
    ["not base64 json", "garbage!"],
    ["json of the wrong shape", Buffer.from('{"id":1}').toString("base64url")],
    ["a bad date", Buffer.from(`["yesterday","${position.id}"]`).toString("base64url")],
    [
      "a date in another format",
      Buffer.from(`["2026-01-31","${position.id}"]`).toString("base64url"),
    ],
    ["a bad id", Buffer.from('["2026-01-31T09:00:00.000Z","42"]').toString("base64url")],
    [
      "extra items",
      Buffer.from(`["2026-01-31T09:00:00.000Z","${position.id}",1]`).toString("base64url"),
    ],
  ])("rejects %s", (_, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
