import type { BlobStore } from "@kai/blob";
import { isUuid } from "@kai/db";
import type express from "express";
import { verifyDownloadUrl } from "./download-url.ts";
import { exportKey, FORMAT_TYPES } from "./export-key.ts";

/**
 * `GET /deck-exports/:id?name&expires&sig`: an exported deck file. The signature is the whole
 * authority (a browser following the link sends no token), so it names the file and expires.
 */
export function downloadRoute(
  app: express.Express,
  deps: { blobs: BlobStore; secret: string | undefined },
): void {
  app.get("/deck-exports/:id", async (request, response, next) => {
    try {
      const id = String(request.params.id);
      const grant =
        deps.secret && isUuid(id) ? verifyDownloadUrl(id, request.query, deps.secret) : undefined;
      if (!grant)
        return void response.status(403).json({ error: "This download URL is not valid" });
      if (grant.expiresAt.getTime() <= Date.now())
        return void response.status(403).json({ error: "This download URL expired" });
      const bytes = await deps.blobs.get(exportKey(id));
      if (!bytes) return void response.status(404).json({ error: "This export is gone" });
      const type = grant.fileName.endsWith(".apkg") ? FORMAT_TYPES.APKG : FORMAT_TYPES.CSV;
      response
        .status(200)
        .set({
          "content-type": type,
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(grant.fileName)}`,
          "cache-control": "private, no-store",
        })
        .send(Buffer.from(bytes));
    } catch (error) {
      next(error);
    }
  });
}
