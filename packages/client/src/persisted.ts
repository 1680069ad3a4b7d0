import type { DocumentNode } from "graphql";
import type { RequestMiddleware } from "graphql-request";

/** What the codegen embeds in each document: its id in the persisted-documents manifest. */
interface PersistedDocumentNode extends DocumentNode {
  __meta__?: { hash?: string };
}

/** The document's manifest id (`sha256:<hex>`), when it was generated from src/documents. */
export function documentIdOf(document: DocumentNode): string | undefined {
  return (document as PersistedDocumentNode).__meta__?.hash;
}

/**
 * Sends `{ documentId, variables, operationName }` in place of the query text: the gateway
 * looks the document up in the manifest it loaded (PERSISTED_DOCUMENTS), so a server that
 * runs only persisted documents accepts it and the request stays small.
 */
export function sendByDocumentId(documentId: string): RequestMiddleware {
  return (request) => {
    const { query: _query, ...rest } = JSON.parse(String(request.body)) as Record<string, unknown>;
    return { ...request, body: JSON.stringify({ ...rest, documentId }) };
  };
}
