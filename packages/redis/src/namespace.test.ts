import { describe, expect, it } from "vitest";
import { redisNamespace } from "./namespace.ts";

describe("redisNamespace", () => {
  it("names the owner, and the database when given", () => {
    expect(redisNamespace("users")).toBe("kai:users");
    expect(redisNamespace("progress", "0b7c5a2e-4a55-4d1c-9d51-2f0a5e1f6c1d")).toBe(
      "kai:progress:0b7c5a2e-4a55-4d1c-9d51-2f0a5e1f6c1d",
    );
  });

  it.each([
    ["", undefined],
    ["progress", ""],
    ["pro:gress", undefined],
    ["progress", "a:b"],
    ["progress", "a b"],
  ])("refuses a part that would blur the key layout: %j %j", (owner, databaseId) => {
    expect(() => redisNamespace(owner, databaseId)).toThrow(/Invalid Redis namespace part/);
  });
});
