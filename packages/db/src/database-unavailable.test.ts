import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable.ts";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["postgres.js closed connection", withCode("CONNECTION_CLOSED"), true],
    ["refused connection", withCode("ECONNREFUSED"), true],
    ["server shutting down (57P01)", withCode("57P01"), true],
    ["server starting up (57P03)", withCode("57P03"), true],
    ["connection exception class 08", withCode("08006"), true],
    [
      "wrapped by drizzle",
      new Error("Failed query", { cause: withCode("CONNECTION_CLOSED") }),
      true,
    ],
    ["unique violation", withCode("23505"), false],
    ["syntax error", withCode("42601"), false],
    ["plain error", new Error("boom"), false],
    ["not an error", "CONNECTION_CLOSED", false],
  ])("%s → %s", (_name, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
