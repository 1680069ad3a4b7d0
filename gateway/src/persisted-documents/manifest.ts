import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";

const ID = /^sha256:[0-9a-f]{64}$/;

/** Document ids ("sha256:<hex of the document>") and the documents clients may send by id. */
export type PersistedDocuments = ReadonlyMap<string, string>;

export const persistedDocumentId = (document: string) =>
  `sha256:${createHash("sha256").update(document).digest("hex")}`;

/**
 * Reads the manifest a client build produced. Each id must be the hash of its document, so
 * a tampered or stale manifest fails at start rather than serving the wrong operation.
 */
export function loadPersistedDocuments(path: string | undefined): PersistedDocuments {
  if (!path) return new Map();
  const entries = z
    .record(z.string().regex(ID), z.string().min(1))
    .parse(JSON.parse(readFileSync(path, "utf8")));
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(entries)) {
    if (persistedDocumentId(document) !== id) {
      throw new Error(`PERSISTED_DOCUMENTS: ${id} is not the sha256 of its document`);
    }
    documents.set(id, document);
  }
  return documents;
}
