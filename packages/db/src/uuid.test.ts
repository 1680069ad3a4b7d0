import { describe, expect, it } from "vitest";
import { isUuid, uuidsOnly } from "./uuid.ts";

describe("isUuid", () => {
  it.each([
    ["5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b", true],
    ["5F0E4F7A-3C1B-4D2E-9A8B-7C6D5E4F3A2B", true],
    // Postgres stores these as they are; refusing them would hide rows it holds.
    ["00000000-0000-0000-0000-000000000000", true],
    ["5f0e4f7a-3c1b-0d2e-0a8b-7c6d5e4f3a2b", true],
    ["", false],
    ["nope", false],
    ["5f0e4f7a3c1b4d2e9a8b7c6d5e4f3a2b", false],
    ["{5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b}", false],
    ["5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b ", false],
    ["5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2g", false],
    ["5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b\n", false],
  ])("%j → %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe("uuidsOnly", () => {
  it("keeps the ids Postgres can compare, in their order, and drops the rest", () => {
    const a = "5f0e4f7a-3c1b-4d2e-9a8b-7c6d5e4f3a2b";
    const b = "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
    expect(uuidsOnly([b, "nope", a, "", b])).toEqual([b, a, b]);
  });
});
