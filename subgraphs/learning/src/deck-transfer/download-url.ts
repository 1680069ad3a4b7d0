import { macMatches, urlMac } from "@kai/blob";

/** What a download URL grants: fetching one export, under a file name, until `expiresAt`. */
export interface DownloadGrant {
  exportId: string;
  fileName: string;
  expiresAt: Date;
}

const PURPOSE = "kai:deck-export:v1";

const mac = (grant: DownloadGrant, secret: string) =>
  urlMac(PURPOSE, [grant.exportId, grant.fileName, grant.expiresAt.getTime()], secret);

export function signedDownloadUrl(base: string, grant: DownloadGrant, secret: string): string {
  const url = new URL(`deck-exports/${grant.exportId}`, base.endsWith("/") ? base : `${base}/`);
  url.searchParams.set("name", grant.fileName);
  url.searchParams.set("expires", String(grant.expiresAt.getTime()));
  url.searchParams.set("sig", mac(grant, secret));
  return url.toString();
}

/** The grant of a download URL signed with `secret`, or undefined (expiry is the caller's). */
export function verifyDownloadUrl(
  exportId: string,
  query: Record<string, unknown>,
  secret: string,
): DownloadGrant | undefined {
  const { name, expires, sig } = query;
  if (typeof name !== "string" || typeof expires !== "string" || typeof sig !== "string")
    return undefined;
  if (!/^\d{1,15}$/.test(expires)) return undefined;
  const grant = { exportId, fileName: name, expiresAt: new Date(Number(expires)) };
  return macMatches(sig, mac(grant, secret)) ? grant : undefined;
}
