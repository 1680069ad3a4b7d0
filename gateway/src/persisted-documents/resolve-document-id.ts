import { sendGraphqlError } from "@kai/service";
import type { RequestHandler } from "express";
import type { PersistedDocuments } from "./manifest.ts";

/**
 * Turns `{"documentId": "sha256:…", "variables": …}` (POST body or GET query string) into the
 * document it names, before Apollo reads the request, and notes in `res.locals` that the
 * document came from the manifest (ONLY_PERSISTED_DOCUMENTS relies on it).
 */
export function resolveDocumentId(documents: PersistedDocuments): RequestHandler {
  return (req, res, next) => {
    const carrier = req.method === "GET" ? (req.query as Record<string, unknown>) : req.body;
    const documentId = isRecord(carrier) ? carrier.documentId : undefined;
    if (documentId === undefined) return next();
    if (typeof documentId !== "string" || carrier.query !== undefined) {
      return sendGraphqlError(res, 400, "Send either `query` or a `documentId` string, not both");
    }
    const document = documents.get(documentId);
    if (!document) {
      return sendGraphqlError(
        res,
        400,
        `No persisted document has the id ${documentId}`,
        "PERSISTED_DOCUMENT_NOT_FOUND",
      );
    }
    if (req.method === "GET") {
      // Express 5 parses `req.query` afresh on every read; Apollo reads the URL itself.
      const url = new URL(req.url, "http://gateway");
      url.searchParams.delete("documentId");
      url.searchParams.set("query", document);
      req.url = `${url.pathname}${url.search}`;
    } else {
      carrier.query = document;
      delete carrier.documentId;
    }
    res.locals.persistedDocument = true;
    next();
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
