import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { SubgraphSource } from "./subgraph-source.ts";

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the subgraph source's keep-alive fetch", () => {
  it.each(["http", "https"])(
    "connects to an %s subgraph with that scheme's agent",
    async (scheme) => {
      const url = `${scheme}://127.0.0.1:${await closedPort()}/graphql`;
      const source = new SubgraphSource({ url });
      // A refused connection proves the request was made; a wrong agent fails before connecting.
      await expect(source.fetcher(url, { method: "POST", body: "{}" })).rejects.toThrow(
        /ECONNREFUSED/,
      );
    },
  );
});

describe("the subgraph source's idle connections", () => {
  it("are dropped before the subgraph's keep-alive timeout closes them", async () => {
    let connections = 0;
    const subgraph = createHttpServer((_, response) => response.end("{}"));
    // Announced as `Keep-Alive: timeout=2`: the gateway should let go after a second idle.
    subgraph.keepAliveTimeout = 2_000;
    subgraph.on("connection", () => connections++);
    await new Promise<void>((resolve) => subgraph.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = subgraph.address() as { port: number };
      const url = `http://127.0.0.1:${port}/graphql`;
      const source = new SubgraphSource({ url });
      const post = async () => (await source.fetcher(url, { method: "POST", body: "{}" })).text();
      await post();
      await post();
      expect(connections).toBe(1);
      // Past the hint less its margin, but before the server would close: a reused socket
      // here is one the server is about to drop under the next fetch.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await post();
      expect(connections).toBe(2);
    } finally {
      subgraph.closeAllConnections();
      await new Promise((resolve) => subgraph.close(resolve));
    }
  });
});
