import { GraphQLError } from "graphql";

/** The error codes clients can rely on (ARCHITECTURE.md §3). */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

function error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const unauthenticated = (message = "Sign in first: this needs a valid access token") =>
  error("UNAUTHENTICATED", message);

export const forbidden = (message = "You may not do that") => error("FORBIDDEN", message);

/** Also the answer for another user's object, so ids reveal nothing about what exists. */
export const notFound = (what: string, id: string) =>
  error("NOT_FOUND", `${what} ${id} was not found`, { id });

export const badUserInput = (message: string, field?: string) =>
  error("BAD_USER_INPUT", message, field ? { field } : {});

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  error("RATE_LIMITED", message, { retryAfterSeconds });
