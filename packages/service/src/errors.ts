import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "./logger.ts";

const INTERNAL = "INTERNAL_SERVER_ERROR";

/** In production an unexpected error says nothing of its cause (no SQL, no stack). */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code ?? INTERNAL;
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
