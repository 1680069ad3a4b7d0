import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { Logger } from "./logger.ts";

const INTERNAL = "INTERNAL_SERVER_ERROR";
/** Refusals of the request itself: nothing ran, so a stack trace would only show our internals. */
const REFUSALS = new Set(["BAD_REQUEST", "QUERY_TOO_COMPLEX", "GRAPHQL_PARSE_FAILED"]);

/**
 * In production an unexpected error says nothing of its cause (no SQL, no stack). A limit
 * broken during validation is reported as QUERY_TOO_COMPLEX: Apollo labels every validation
 * error GRAPHQL_VALIDATION_FAILED, but our limit rules mark theirs with `limit`. A failure
 * that `isUnavailable` recognises (the database went away) is SERVICE_UNAVAILABLE, so a
 * client knows the same request may succeed in a moment.
 */
export function formatError(
  production: boolean,
  isUnavailable: (error: unknown) => boolean = () => false,
) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    if (error !== undefined && isUnavailable((error as GraphQLError).originalError ?? error)) {
      return {
        message: "The service is briefly unavailable; try again in a few seconds",
        path: formatted.path,
        extensions: { code: "SERVICE_UNAVAILABLE" },
      };
    }
    const code = formatted.extensions?.limit
      ? "QUERY_TOO_COMPLEX"
      : (formatted.extensions?.code ?? INTERNAL);
    if (REFUSALS.has(code as string)) {
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    if (!production || code !== INTERNAL) return formatted;
    return {
      message: "Internal server error",
      path: formatted.path,
      extensions: { code: INTERNAL },
    };
  };
}

/** Logs unexpected failures with the request's logger, so they are traceable by request id. */
export function logFailures(): ApolloServerPlugin<{ log: Logger }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === INTERNAL) {
              contextValue.log.error(
                { err: error.originalError ?? error, path: error.path },
                error.message,
              );
            }
          }
        },
      };
    },
  };
}
