import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startOnFreePort } from "./free-port.ts";

/** Listens on `port` as a server would; fails as Node does when the port is taken. */
function listen(port: number) {
  return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("startOnFreePort", () => {
  it("starts again on another port when the first was taken before the server bound it", async () => {
    const thieves: ReturnType<typeof createServer>[] = [];
    const tried: number[] = [];
    const { port, started } = await startOnFreePort(async (port) => {
      tried.push(port);
      // The first port is taken between freePort's probe and the server's bind.
      if (tried.length === 1) thieves.push(await listen(port));
      return listen(port);
    });
    try {
      expect(tried).toHaveLength(2);
      expect(port).toBe(tried[1]);
      expect(port).not.toBe(tried[0]);
    } finally {
      started.close();
      for (const thief of thieves) thief.close();
    }
  });

  it("gives up at once on any other failure", async () => {
    let attempts = 0;
    const failing = startOnFreePort(async () => {
      attempts++;
      throw new Error("permission denied");
    });
    await expect(failing).rejects.toThrow("permission denied");
    expect(attempts).toBe(1);
  });
});
