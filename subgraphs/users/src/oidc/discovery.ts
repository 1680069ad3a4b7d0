import { z } from "zod";

/** The part of an OpenID Provider's metadata Kai uses. */
const metadata = z.object({ issuer: z.string(), jwks_uri: z.url() });

/** The provider could not tell us its keys: unreachable, or its answer is unusable. */
export class ProviderUnavailable extends Error {
  override name = "ProviderUnavailable";
}

/**
 * The JWKS URL an issuer publishes in its discovery document (OpenID Connect Discovery 1.0
 * §4). The document must name the same issuer it was fetched for, as §4.3 requires: otherwise
 * a compromised or misconfigured host could hand out keys for an issuer it is not.
 */
export async function discoverJwksUrl(issuer: string, timeoutMs: number): Promise<URL> {
  // §4.1: a trailing "/" on the issuer is dropped before the well-known path is appended.
  const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const response = await fetch(url, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new ProviderUnavailable(`discovery at ${url} failed`, { cause: error });
  }
  const parsed = metadata.safeParse(body);
  if (!parsed.success) {
    throw new ProviderUnavailable(`discovery at ${url} has no usable jwks_uri`, {
      cause: parsed.error,
    });
  }
  if (parsed.data.issuer !== issuer) {
    throw new ProviderUnavailable(
      `discovery at ${url} names issuer ${parsed.data.issuer}, not ${issuer}`,
    );
  }
  return new URL(parsed.data.jwks_uri);
}
