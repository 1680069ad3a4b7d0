import { z } from "zod";

/** A link a mail may carry: http(s) only, so no `javascript:` ever reaches an href. */
export const linkSchema = z.url({ protocol: /^https?$/ });

/**
 * A link into the web app: `${publicAppUrl}/<path>?token=<token>`. A base URL with a path of
 * its own (`https://example.com/app/`) keeps it, and the token is URL-encoded.
 */
export function appLink(publicAppUrl: string, path: string, token?: string): string {
  const url = new URL(publicAppUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  url.search = "";
  if (token !== undefined) url.searchParams.set("token", token);
  return url.toString();
}
