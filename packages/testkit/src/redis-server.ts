import { freePort } from "./free-port.ts";
import { spawnServer, stopServer } from "./spawn-server.ts";

export interface RedisServer {
  url: string;
  dispose(): Promise<void>;
}

/** A private, memory-only redis-server on a free port. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child = await spawnServer(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    port,
  );
  return { url: `redis://127.0.0.1:${port}`, dispose: () => stopServer(child) };
}
