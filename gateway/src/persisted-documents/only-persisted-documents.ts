import type { ApolloServerPlugin } from "@apollo/server";
import type { Viewer } from "@kai/auth";
import { GraphQLError } from "graphql";

interface PersistedContext {
  viewer: Viewer | null;
  /** The request named its document by id from the manifest. */
  persistedDocument: boolean;
}

/** Analysts and admins explore in GraphiQL; everyone else runs only what the clients ship. */
const FREE_FORM_ROLES = new Set(["ANALYST", "ADMIN"]);

/**
 * ONLY_PERSISTED_DOCUMENTS: a document the client wrote itself is refused before it runs,
 * unless the caller may explore. Shipped clients send ids, so an attacker cannot run new
 * shapes of query at all. (Checked once the operation is resolved: Apollo turns an error
 * thrown before parsing into a 500, and the token limit already bounds the parsing.)
 */
export function onlyPersistedDocuments(): ApolloServerPlugin<PersistedContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          if (contextValue.persistedDocument) return;
          if (contextValue.viewer && FREE_FORM_ROLES.has(contextValue.viewer.role)) return;
          throw new GraphQLError(
            "This server runs only persisted documents: send a `documentId` from the client's manifest",
            { extensions: { code: "PERSISTED_DOCUMENT_REQUIRED", http: { status: 400 } } },
          );
        },
      };
    },
  };
}
