import { describe, expect, it } from "vitest";
import { formatError } from "./errors.ts";

const internal = {
  message: 'relation "users" does not exist',
  path: ["me"],
  extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at query (db.ts:1)"] },
};
const notFound = { message: "Topic t1 was not found", extensions: { code: "NOT_FOUND", id: "t1" } };

describe("formatError", () => {
  it("hides an unexpected error's message and stack in production", () => {
    expect(formatError(true)(internal)).toEqual({
      message: "Internal server error",
      path: ["me"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it("keeps errors meant for the client in production", () => {
    expect(formatError(true)(notFound)).toEqual(notFound);
  });

  it("shows everything in development", () => {
    expect(formatError(false)(internal)).toEqual(internal);
  });

  it("treats an error without a code as internal", () => {
    expect(formatError(true)({ message: "boom" }).message).toBe("Internal server error");
  });
});
