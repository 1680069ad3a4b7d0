import { macMatches, urlMac } from "@kai/blob";

/** What an upload URL grants: one PUT of at most `size` bytes of `contentType` before `expiresAt`. */
export interface UploadGrant {
  uploadId: string;
  size: number;
  contentType: string;
  expiresAt: Date;
}

/**
 * Mixed into every MAC, so a MAC made with the same secret for another purpose can never pass
 * as an upload signature. The version lets the format change without ambiguity.
 */
const PURPOSE = "kai:upload:v1";

const mac = (grant: UploadGrant, secret: string) =>
  urlMac(
    PURPOSE,
    [grant.uploadId, grant.size, grant.contentType, grant.expiresAt.getTime()],
    secret,
  );

/** The URL a client PUTs the upload to: the grant in the query, signed. */
export function signedUploadUrl(base: string, grant: UploadGrant, secret: string): string {
  const url = new URL(`uploads/${grant.uploadId}`, base.endsWith("/") ? base : `${base}/`);
  url.searchParams.set("size", String(grant.size));
  url.searchParams.set("type", grant.contentType);
  url.searchParams.set("expires", String(grant.expiresAt.getTime()));
  url.searchParams.set("sig", mac(grant, secret));
  return url.toString();
}

/**
 * The grant a PUT's path and query carry, when its signature is this service's; undefined
 * for a tampered or foreign one. Expiry is the caller's to check (it answers differently).
 */
export function verifyUploadUrl(
  uploadId: string,
  query: Record<string, unknown>,
  secret: string,
): UploadGrant | undefined {
  const { size, type, expires, sig } = query;
  if (typeof size !== "string" || typeof type !== "string") return undefined;
  if (typeof expires !== "string" || typeof sig !== "string") return undefined;
  if (!/^\d{1,12}$/.test(size) || !/^\d{1,15}$/.test(expires)) return undefined;
  const grant = {
    uploadId,
    size: Number(size),
    contentType: type,
    expiresAt: new Date(Number(expires)),
  };
  return macMatches(sig, mac(grant, secret)) ? grant : undefined;
}
