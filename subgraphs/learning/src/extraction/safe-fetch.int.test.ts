import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_TYPES } from "./capture-text.ts";
import { FetchRefused, type SafeFetchOptions, safeFetch } from "./safe-fetch.ts";

let server: Server;
let base: string;

const ARTICLE = "<html><head><title>T</title></head><body><p>Hello</p></body></html>";

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (path === "/page") response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    else if (path === "/latin1") {
      response.writeHead(200, { "content-type": "text/plain; charset=iso-8859-1" });
      response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      return;
    } else if (path.startsWith("/hop/")) {
      const left = Number(path.slice(5));
      response.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : "/page" });
    } else if (path === "/big") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("x".repeat(5_000));
      return;
    } else if (path === "/pdf") response.writeHead(200, { "content-type": "application/pdf" });
    else if (path === "/slow")
      return; // never answers
    else if (path === "/gone") response.writeHead(404, { "content-type": "text/html" });
    else if (path === "/to-file") response.writeHead(302, { location: "file:///etc/passwd" });
    response.end(ARTICLE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options: SafeFetchOptions = {
  timeoutMs: 1_000,
  maxBytes: 4_096,
  maxRedirects: 3,
  allowPrivate: true,
  acceptTypes: PAGE_TYPES,
};

async function refusal(url: string, overrides: Partial<SafeFetchOptions> = {}): Promise<string> {
  const error = await safeFetch(url, { ...options, ...overrides }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FetchRefused);
  return (error as Error).message;
}

describe("safeFetch", () => {
  it("fetches a page, following redirects, in the charset it names", async () => {
    const page = await safeFetch(`${base}/hop/2`, options);
    expect(page).toEqual({ url: `${base}/page`, contentType: "text/html", body: ARTICLE });
    expect((await safeFetch(`${base}/latin1`, options)).body).toBe("café");
  });

  it("refuses loopback, private and link-local addresses unless allowed", async () => {
    const port = new URL(base).port;
    for (const url of [
      `${base}/page`,
      `http://localhost:${port}/page`,
      `http://[::1]:${port}/page`,
      "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.1/",
      "http://[::ffff:127.0.0.1]/",
    ])
      expect(await refusal(url, { allowPrivate: false })).toMatch(/private or local address/);
  });

  it.each([
    ["too many redirects", "/hop/5", /redirected more than 3 times/],
    ["a page over the size cap", "/big", /larger than 4096 bytes/],
    ["a type that is no page", "/pdf", /not a web page \(application\/pdf\)/],
    ["an error status", "/gone", /HTTP 404/],
    ["a redirect to another scheme", "/to-file", /file: addresses are not fetched/],
  ])("refuses %s", async (_, path, reason) => {
    expect(await refusal(`${base}${path}`, { maxBytes: 4_096 })).toMatch(reason);
  });

  it("gives up on a page that does not answer in time", async () => {
    const started = Date.now();
    expect(await refusal(`${base}/slow`, { timeoutMs: 300 })).toMatch(/within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a host that does not resolve", async () => {
    expect(await refusal("http://no-such-host.invalid/")).toMatch(/could not be found/);
  });
});
