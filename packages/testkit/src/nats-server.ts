import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOnFreePort } from "./free-port.ts";
import { spawnServer, stopServer } from "./spawn-server.ts";

export interface NatsServer {
  url: string;
  /** Kills the server, keeping its store, as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store. */
  restart(): Promise<void>;
  /** Stops it and deletes its store. */
  dispose(): Promise<void>;
}

/** nats-server's arguments for JetStream on 127.0.0.1:`port`, keeping its store in `storeDir`. */
export const jetStreamNatsArgs = (port: number, storeDir: string): string[] => [
  "-a",
  "127.0.0.1",
  "-p",
  String(port),
  "-js",
  "-sd",
  storeDir,
];

/** A private `nats-server -js` on a free port with a temporary store: suites never share streams. */
export async function startNatsServer(): Promise<NatsServer> {
  const storeDir = mkdtempSync(join(tmpdir(), "kai-nats-"));
  const { port, started } = await startOnFreePort((port) =>
    spawnServer("nats-server", jetStreamNatsArgs(port, storeDir), port),
  );
  const args = jetStreamNatsArgs(port, storeDir);
  let child: ChildProcess | undefined = started;
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      if (child) await stopServer(child);
      child = undefined;
    },
    async restart() {
      child = await spawnServer("nats-server", args, port);
    },
    async dispose() {
      if (child) await stopServer(child);
      child = undefined;
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
