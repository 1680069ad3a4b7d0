import { ClientError } from "graphql-request";

/** The first GraphQL error of a request that failed, as the client received it. */
export interface GraphqlFailure {
  /** `extensions.code`: UNAUTHENTICATED, NOT_FOUND, BAD_USER_INPUT … */
  code: string;
  message: string;
  /** Every extension the server sent (e.g. `field` for BAD_USER_INPUT). */
  extensions: Record<string, unknown>;
  /** The HTTP status of the response that carried it. */
  status: number;
}

/**
 * Awaits a graphql-request call that must fail with a GraphQL error and returns its first
 * error. It throws (failing the test) when the request succeeds, when it fails without a
 * GraphQL error (a network error, a non-GraphQL body), or when that error carries no code:
 * a test that expects a refusal must never pass on something else.
 */
export async function graphqlFailure(request: Promise<unknown>): Promise<GraphqlFailure> {
  let outcome: unknown;
  try {
    outcome = await request;
  } catch (error) {
    return firstGraphqlError(error);
  }
  throw new Error(
    `expected the request to fail with a GraphQL error, but it succeeded with ${JSON.stringify(outcome)}`,
  );
}

/** The first GraphQL error's `extensions.code`; see graphqlFailure for when it throws. */
export async function errorCode(request: Promise<unknown>): Promise<string> {
  return (await graphqlFailure(request)).code;
}

function firstGraphqlError(error: unknown): GraphqlFailure {
  if (!(error instanceof ClientError)) {
    throw new Error("expected a GraphQL error, but the request failed otherwise", {
      cause: error,
    });
  }
  const first = error.response.errors?.[0];
  if (!first) {
    throw new Error(`expected a GraphQL error, got HTTP ${error.response.status} without one`, {
      cause: error,
    });
  }
  const extensions: Record<string, unknown> = { ...first.extensions };
  const code = extensions.code;
  if (typeof code !== "string") {
    throw new Error(`the GraphQL error "${first.message}" carries no extensions.code`, {
      cause: error,
    });
  }
  return { code, message: first.message, extensions, status: error.response.status };
}
