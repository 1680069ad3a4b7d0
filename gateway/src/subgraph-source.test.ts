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
