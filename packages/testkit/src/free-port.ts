import { type AddressInfo, createServer } from "node:net";

/** A TCP port nothing listens on right now, for servers a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server on a free port, and again on another when the first was taken before the
 * server could bind it: freePort's probe is closed by then, so the port is anyone's (another
 * suite's server, or the local end of an outgoing connection on a busy machine).
 */
export async function startOnFreePort<T>(
  start: (port: number) => Promise<T>,
): Promise<{ port: number; started: T }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { port, started: await start(port) };
    } catch (error) {
      if (attempt >= 5 || !/address already in use/i.test(String(error))) throw error;
    }
  }
}
