import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  freePort,
  type NatsServer,
  type PostgresCluster,
  type RedisServer,
  startNatsServer,
  startPostgresCluster,
  startRedisServer,
} from "@kai/testkit";
import { type ServiceProcess, serviceProcess } from "./service-process.ts";

const run = promisify(execFile);

export const SUBGRAPHS = [
  "users",
  "captures",
  "learning",
  "progress",
  "notifications",
  "analytics",
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
export type ServiceName = SubgraphName | "gateway";

export interface UnexpectedExit {
  name: string;
  reason: string;
  output: string;
}

export interface ProcessStack {
  postgres: PostgresCluster;
  nats: NatsServer;
  redis: RedisServer;
  services: Record<ServiceName, ServiceProcess>;
  /** The gateway's GraphQL endpoint. */
  gatewayUrl: string;
  /** The database a subgraph created for itself on the private cluster. */
  databaseUrl(subgraph: SubgraphName): string;
  /** Empties Redis, as a restart without persistence or an eviction storm would. */
  flushRedis(): Promise<void>;
  /** Services that exited without the harness asking them to. */
  unexpectedExits: UnexpectedExit[];
  dispose(): Promise<void>;
}

/**
 * The whole supergraph as production runs it: each subgraph and the gateway its own process,
 * on a private PostgreSQL cluster, nats-server and redis-server, so that any one of them can
 * be killed or crashed and started again while the others keep running.
 */
export async function startProcessStack(): Promise<ProcessStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "kai-drill-"));
  const started: Disposable[] = [];
  const services: Partial<Record<ServiceName, ServiceProcess>> = {};
  const dispose = async () => {
    // Services first, so none of them logs the infrastructure going away as a failure.
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await Promise.allSettled(started.map((part) => part.dispose()));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const [postgres, nats, redis] = await Promise.all([
      startPostgresCluster().then((part) => remember(started, part)),
      startNatsServer().then((part) => remember(started, part)),
      startRedisServer().then((part) => remember(started, part)),
    ]);
    const unexpectedExits: UnexpectedExit[] = [];
    const ports = await distinctPorts(SUBGRAPHS.length + 1);
    const common = {
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      // A killed consumer's messages come back after 5 s instead of production's 30.
      EVENTS_ACK_WAIT_MS: "5000",
      JWKS_URL: `http://127.0.0.1:${ports[0]}/.well-known/jwks.json`,
    };
    const make = (name: ServiceName, entry: string, port: number, env = {}) =>
      serviceProcess({
        name,
        entry,
        port,
        env: { ...common, ...env },
        onUnexpectedExit: (name, reason, output) => unexpectedExits.push({ name, reason, output }),
      });
    SUBGRAPHS.forEach((name, index) => {
      services[name] = make(name, `subgraphs/${name}/src/main.ts`, ports[index] as number);
    });
    // users first: the others fetch its JWKS, and the gateway plans over all of them.
    await services.users?.start();
    await Promise.all(SUBGRAPHS.slice(1).map((name) => services[name]?.start()));
    const routing = Object.fromEntries(
      SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, services[name]?.url ?? ""]),
    );
    services.gateway = make(
      "gateway",
      "gateway/src/main.ts",
      ports[SUBGRAPHS.length] as number,
      routing,
    );
    await services.gateway.start();

    const all = services as Record<ServiceName, ServiceProcess>;
    return {
      postgres,
      nats,
      redis,
      services: all,
      gatewayUrl: all.gateway.url,
      databaseUrl(subgraph) {
        const url = new URL(postgres.url);
        url.pathname = `/kai_${subgraph}`;
        return url.toString();
      },
      async flushRedis() {
        await run("redis-cli", ["-u", redis.url, "FLUSHALL"], { timeout: 5_000 });
      },
      unexpectedExits,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

interface Disposable {
  dispose(): Promise<void>;
}

function remember<T extends Disposable>(list: Disposable[], part: T): T {
  list.push(part);
  return part;
}

/** freePort closes its probe before answering, so two calls may name the same port. */
async function distinctPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
