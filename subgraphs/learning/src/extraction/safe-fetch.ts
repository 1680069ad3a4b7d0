import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isBlockedAddress } from "./blocked-addresses.ts";

export interface SafeFetchOptions {
  /** Whole fetch, redirects included. */
  timeoutMs: number;
  /** Body bytes read at most; a longer page is refused, not truncated. */
  maxBytes: number;
  maxRedirects: number;
  /** Lets loopback and private addresses through (tests, a self-hosted intranet). Default off. */
  allowPrivate: boolean;
  /** Media types accepted, e.g. `text/html`; anything else is refused before its body is read. */
  acceptTypes: readonly string[];
}

export interface FetchedPage {
  /** Where the last redirect led. */
  url: string;
  /** The media type without parameters, lower-cased. */
  contentType: string;
  body: string;
}

/** A fetch refused or failed for a reason the capture's owner can be told. */
export class FetchRefused extends Error {}

/**
 * GET for addresses users hand us, safe against SSRF: every hop's host is resolved here and
 * each address checked; the connection is pinned to the checked address (so a second DNS
 * answer cannot swap in 127.0.0.1), redirects are followed by hand and checked the same way,
 * and time, size, redirects and content type are all bounded.
 */
export async function safeFetch(address: string, options: SafeFetchOptions): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(address);
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const response = await request(url, options, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new FetchRefused(`the page answered HTTP ${status}`);
    }
    const contentType = (response.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase();
    if (!contentType || !options.acceptTypes.includes(contentType)) {
      response.destroy();
      throw new FetchRefused(`it is not a web page (${contentType || "no content type"})`);
    }
    const bytes = await readAtMost(response, options.maxBytes);
    return {
      url: url.toString(),
      contentType,
      body: decode(bytes, response.headers["content-type"]),
    };
  }
  throw new FetchRefused(`it redirected more than ${options.maxRedirects} times`);
}

async function request(
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchRefused(`${url.protocol} addresses are not fetched`);
  const address = await checkedAddress(url.hostname, options.allowPrivate);
  // The request connects to the address checked above, whatever DNS says by then.
  const lookup: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.get(
      url,
      {
        lookup,
        signal,
        headers: {
          "user-agent": "KaiBot/1.0 (+https://kai.dev/bot)",
          accept: `${options.acceptTypes.join(", ")};q=0.9, */*;q=0.1`,
        },
      },
      resolve,
    );
    outgoing.on("error", (error) =>
      reject(
        signal.aborted
          ? new FetchRefused(`the page did not answer within ${options.timeoutMs} ms`)
          : error instanceof FetchRefused
            ? error
            : new FetchRefused(`the site could not be reached (${(error as Error).message})`),
      ),
    );
  });
}

/** The host's first address, after checking every one DNS gave (one bad answer refuses all). */
async function checkedAddress(
  hostname: string,
  allowPrivate: boolean,
): Promise<{ address: string; family: number }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await dnsLookup(host, { all: true, verbatim: true }).catch(() => {
        throw new FetchRefused(`the site ${host} could not be found`);
      });
  const first = addresses[0];
  if (!first) throw new FetchRefused(`the site ${host} could not be found`);
  if (!allowPrivate && addresses.some((entry) => isBlockedAddress(entry.address)))
    throw new FetchRefused(`${host} is a private or local address, which Kai does not fetch`);
  return first;
}

async function readAtMost(response: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limit) {
      response.destroy();
      throw new FetchRefused(`the page is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body as text in the charset the header names (UTF-8 when none or unknown). */
function decode(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w-]+)/i.exec(contentType ?? "")?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
