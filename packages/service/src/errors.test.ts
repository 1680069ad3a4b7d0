import { GraphQLError } from "graphql";
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

  it("reports a failure of an unreachable dependency as SERVICE_UNAVAILABLE, in any mode", () => {
    const unreachable = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const cause = new GraphQLError("connect ECONNREFUSED", { originalError: unreachable });
    const isUnavailable = (error: unknown) => (error as { code?: string }).code === "ECONNREFUSED";
    for (const production of [true, false]) {
      expect(formatError(production, isUnavailable)(internal, cause)).toEqual({
        message: "The service is briefly unavailable; try again in a few seconds",
        path: ["me"],
        extensions: { code: "SERVICE_UNAVAILABLE" },
      });
    }
    expect(formatError(true, isUnavailable)(internal, new GraphQLError("boom")).extensions).toEqual(
      {
        code: "INTERNAL_SERVER_ERROR",
      },
    );
  });

  it("strips stack traces from refusals, even in development", () => {
    const refusal = { message: "bad", extensions: { code: "BAD_REQUEST", stacktrace: ["at x"] } };
    expect(formatError(false)(refusal)).toEqual({
      message: "bad",
      extensions: { code: "BAD_REQUEST" },
    });
  });

  it("reports a limit broken in validation as QUERY_TOO_COMPLEX", () => {
    const broken = {
      message: "too deep",
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "depth", max: 6, actual: 9 },
    };
    expect(formatError(true)(broken).extensions).toEqual({
      code: "QUERY_TOO_COMPLEX",
      limit: "depth",
      max: 6,
      actual: 9,
    });
  });
});
