import type { ChildProcess } from "node:child_process";
import { startOnFreePort } from "./free-port.ts";
import { spawnServer, stopServer } from "./spawn-server.ts";

export interface RedisServer {
  url: string;
  /** Kills the server, as an outage would; memory-only, so its keys are gone. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  restart(): Promise<void>;
  /** Stops it for good. */
  dispose(): Promise<void>;
}

/** redis-server's arguments for a memory-only server on 127.0.0.1:`port` (nothing on disk). */
export const memoryRedisArgs = (port: number): string[] => [
  "--port",
  String(port),
  "--bind",
  "127.0.0.1",
  "--save",
  "",
  "--appendonly",
  "no",
];

/** A private, memory-only redis-server on a free port. */
export async function startRedisServer(): Promise<RedisServer> {
  const { port, started } = await startOnFreePort((port) =>
    spawnServer("redis-server", memoryRedisArgs(port), port),
  );
  const args = memoryRedisArgs(port);
  let child: ChildProcess | undefined = started;
  const stop = async () => {
    if (child) await stopServer(child);
    child = undefined;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = await spawnServer("redis-server", args, port);
    },
    dispose: stop,
  };
}
