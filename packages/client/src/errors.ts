import { ClientError } from "graphql-request";

/** The `extensions.code` of a request's first GraphQL error; undefined for other failures. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof ClientError)) return undefined;
  const code = error.response.errors?.[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

/** What to tell the user: the first GraphQL error's message, else the failure's own. */
export function errorMessage(error: unknown): string {
  if (error instanceof ClientError) return error.response.errors?.[0]?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Failures worth sending the same query again for: the network, the gateway's 5xx answers,
 * and a subgraph the gateway could not reach. Everything else would fail the same way.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ClientError)) return error instanceof TypeError;
  return error.response.status >= 500 || errorCode(error) === "SERVICE_UNAVAILABLE";
}
