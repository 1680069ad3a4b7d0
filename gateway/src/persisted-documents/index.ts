export {
  loadPersistedDocuments,
  type PersistedDocuments,
  persistedDocumentId,
} from "./manifest.ts";
export { onlyPersistedDocuments } from "./only-persisted-documents.ts";
export { resolveDocumentId } from "./resolve-document-id.ts";
