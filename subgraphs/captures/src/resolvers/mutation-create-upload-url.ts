import { forbidden, rateLimited } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { countOpenUploads, insertUpload } from "../db/uploads.repo.ts";
import { createUploadUrlInput } from "../domain/upload-input.ts";
import { signedUploadUrl } from "../domain/upload-signature.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

/** Upload URLs one user may hold unused at once. */
export const MAX_OPEN_UPLOADS = 20;

export const createUploadUrl: MutationResolvers["createUploadUrl"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(createUploadUrlInput(ctx.env.UPLOAD_MAX_BYTES), args.input);
  const { secret, baseUrl } = ctx.uploads;
  if (!secret) throw forbidden("Uploads are not configured on this server");
  const now = new Date();
  // Each open URL is a row and a promise of bytes: a client needs a few at once, not thousands.
  if ((await countOpenUploads(ctx.db, viewer.id, now)) >= MAX_OPEN_UPLOADS)
    throw rateLimited(
      `At most ${MAX_OPEN_UPLOADS} upload URLs may be open at once; use or let some expire`,
      ctx.env.UPLOAD_URL_TTL_SECONDS,
    );
  const expiresAt = new Date(now.getTime() + ctx.env.UPLOAD_URL_TTL_SECONDS * 1000);
  const upload = await insertUpload(ctx.db, {
    ownerId: viewer.id,
    contentType: input.contentType,
    declaredSize: input.size,
    expiresAt,
  });
  const grant = {
    uploadId: upload.id,
    size: input.size,
    contentType: input.contentType,
    expiresAt,
  };
  return {
    uploadId: upload.id,
    uploadUrl: signedUploadUrl(baseUrl(), grant, secret),
    expiresAt,
  };
};
