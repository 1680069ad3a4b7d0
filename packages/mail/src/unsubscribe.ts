import { z } from "zod";
import type { MailHeaders } from "./tables.ts";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where a one-click unsubscribe POSTs. RFC 8058 requires an HTTPS URI; plain http is let
 * through for loopback hosts only, so development without TLS still renders the mail.
 */
export const unsubscribeUrlSchema = z
  .url()
  .refine((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol === "https:" || (protocol === "http:" && LOOPBACK.has(hostname));
  }, "must be an https URL (RFC 8058)")
  // The WHATWG form percent-encodes spaces, `<`, `>` and non-ASCII: it fits inside `<…>`.
  .transform((url) => new URL(url).href);

/** An optional second way out, for clients that only mail: `mailto:unsubscribe@…?subject=…`. */
export const unsubscribeMailtoSchema = z
  .string()
  .regex(/^mailto:[^\s<>,]+@[^\s<>,]+$/, "not a mailto: URI");

export interface Unsubscribe {
  /** The HTTPS URI that unsubscribes on a POST with no cookies or further input. */
  url: string;
  mailto?: string | undefined;
}

/**
 * The two header fields of RFC 8058 one-click unsubscribe. The HTTPS URI comes first:
 * receivers take the leftmost method they support (RFC 2369). Mail providers honour them only
 * when a DKIM signature covers both, which is the sending MTA's job.
 */
export function unsubscribeHeaders({ url, mailto }: Unsubscribe): MailHeaders {
  const uris = mailto === undefined ? [url] : [url, mailto];
  return {
    "List-Unsubscribe": uris.map((uri) => `<${uri}>`).join(", "),
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
