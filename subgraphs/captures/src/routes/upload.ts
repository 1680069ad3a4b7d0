import { type BlobStore, bytesMatchType, writeUpload } from "@kai/blob";
import type { Db } from "@kai/db";
import type { Logger } from "@kai/service";
import type express from "express";
import type { CapturesSchema } from "../db/tables.ts";
import { claimUpload, findUpload, finishUpload } from "../db/uploads.repo.ts";
import { verifyUploadUrl } from "../domain/upload-signature.ts";

export interface UploadRouteDeps {
  db: Db<CapturesSchema>;
  blobs: BlobStore;
  /** Undefined when uploads are off (production without UPLOAD_SECRET): every PUT is refused. */
  secret: string | undefined;
  log: Logger;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `PUT /uploads/:id?size&type&expires&sig`: the one PUT an upload URL grants. The signature
 * is the authority (the client holds no token here); the bytes must fit the declared size and
 * be the declared image type by their magic bytes, whatever the header says.
 */
export function uploadRoutes(app: express.Express, deps: UploadRouteDeps): void {
  // Browsers PUT from the web app's origin. The signed URL is the whole authority (no cookies,
  // no token), so any origin may use one it was handed.
  app.options("/uploads/:id", (_request, response) => {
    response
      .set({
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "PUT",
        "access-control-allow-headers": "content-type",
        "access-control-max-age": "600",
      })
      .status(204)
      .end();
  });
  app.put("/uploads/:id", async (request, response) => {
    response.set("access-control-allow-origin", "*");
    try {
      const stored = await receive(request, deps);
      response.status(201).json(stored);
    } catch (error) {
      if (!(error instanceof Refusal)) {
        deps.log.error({ err: error }, "upload failed");
        response.status(500).json({ error: "The upload could not be stored" });
        return;
      }
      // The client may still be sending: close instead of reading megabytes we refuse.
      response.set("connection", "close").status(error.status).json({ error: error.message });
    }
  });
}

async function receive(
  request: express.Request,
  deps: UploadRouteDeps,
): Promise<{ uploadId: string; size: number }> {
  const id = String(request.params.id);
  const grant = deps.secret ? verifyUploadUrl(id, request.query, deps.secret) : undefined;
  if (!grant) throw new Refusal(403, "This upload URL is not valid");
  if (grant.expiresAt.getTime() <= Date.now()) throw new Refusal(403, "This upload URL expired");
  const declaredType = request.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (declaredType !== grant.contentType)
    throw new Refusal(415, `The Content-Type must be ${grant.contentType}`);
  const length = Number(request.header("content-length") ?? Number.NaN);
  if (length > grant.size) throw new Refusal(413, `At most ${grant.size} bytes may be sent`);
  const upload = await findUpload(deps.db, id);
  if (!upload) throw new Refusal(404, "There is no such upload");
  if (!(await claimUpload(deps.db, id, new Date())))
    throw new Refusal(409, "This upload URL was already used");
  let size: number | null = null;
  try {
    const bytes = await readBody(request, grant.size);
    if (bytes.length === 0) throw new Refusal(400, "The upload is empty");
    if (!bytesMatchType(bytes, grant.contentType))
      throw new Refusal(415, `The bytes are not ${grant.contentType}`);
    await writeUpload(deps.blobs, id, bytes, {
      ownerId: upload.ownerId,
      contentType: grant.contentType,
      size: bytes.length,
    });
    size = bytes.length;
  } finally {
    // A refused or failed PUT leaves the upload PENDING, so the client can send it again.
    await finishUpload(deps.db, id, size);
  }
  deps.log.info({ uploadId: id, size, store: deps.blobs.kind }, "upload stored");
  return { uploadId: id, size };
}

/** The request body, refused with 413 as soon as it passes `limit` bytes. */
async function readBody(request: express.Request, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limit) throw new Refusal(413, `At most ${limit} bytes may be sent`);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
