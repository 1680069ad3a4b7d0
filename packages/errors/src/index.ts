import { GraphQLError } from "graphql";

/** The error codes clients can rely on (ARCHITECTURE.md §3). */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR"
  /** The operation is over a depth, alias, directive, token or cost limit (§8 Edge). */
  | "QUERY_TOO_COMPLEX"
  /** The HTTP request is not a GraphQL request the server can run (§8 Edge). */
  | "BAD_REQUEST"
  /** A dependency (the database) is briefly unreachable; the same request may succeed soon. */
  | "SERVICE_UNAVAILABLE";

function error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** `details` become extensions beside the code, e.g. `{ reason: "EXPIRED" }` for a client to branch on. */
export const unauthenticated = (
  message = "Sign in first: this needs a valid access token",
  details: Record<string, unknown> = {},
) => error("UNAUTHENTICATED", message, details);

export const forbidden = (message = "You may not do that", details: Record<string, unknown> = {}) =>
  error("FORBIDDEN", message, details);

/** Also the answer for another user's object, so ids reveal nothing about what exists. */
export const notFound = (what: string, id: string) =>
  error("NOT_FOUND", `${what} ${id} was not found`, { id });

export const badUserInput = (message: string, field?: string) =>
  error("BAD_USER_INPUT", message, field ? { field } : {});

/** Which limit an operation broke, the limit, and what the operation measured. */
export interface LimitBreach {
  limit: "depth" | "aliases" | "directives" | "tokens" | "cost";
  max: number;
  actual: number;
}

/** HTTP 400: the request is refused before anything runs, so retrying it unchanged fails again. */
export const queryTooComplex = ({ limit, max, actual }: LimitBreach) =>
  error(
    "QUERY_TOO_COMPLEX",
    `Operation refused: its ${limit} is ${actual}, over the limit of ${max}`,
    { limit, max, actual, http: { status: 400 } },
  );

/**
 * Marks an error that refuses the whole operation before it runs (thrown from a server plugin)
 * with its HTTP status; without one Apollo Server answers such a refusal with a 500.
 */
export function refusing(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status } },
  });
}

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  error("RATE_LIMITED", message, { retryAfterSeconds });

/** A dependency outside Kai (e.g. an identity provider) did not answer; retrying may succeed. */
export const serviceUnavailable = (message: string) => error("SERVICE_UNAVAILABLE", message);
