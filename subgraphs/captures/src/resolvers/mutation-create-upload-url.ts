import { forbidden } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { insertUpload } from "../db/uploads.repo.ts";
import { createUploadUrlInput } from "../domain/upload-input.ts";
import { signedUploadUrl } from "../domain/upload-signature.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const createUploadUrl: MutationResolvers["createUploadUrl"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(createUploadUrlInput(ctx.env.UPLOAD_MAX_BYTES), args.input);
  const { secret, baseUrl } = ctx.uploads;
  if (!secret) throw forbidden("Uploads are not configured on this server");
  const expiresAt = new Date(Date.now() + ctx.env.UPLOAD_URL_TTL_SECONDS * 1000);
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
