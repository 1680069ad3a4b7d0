import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  type NatsServer,
  type PostgresCluster,
  type RedisServer,
  startNatsServer,
  startPostgresCluster,
  startRedisServer,
} from "@kai/testkit";
import { SUBGRAPHS, type SubgraphName, type UnexpectedExit } from "./process-stack.ts";
import { type RoundRobinProxy, startRoundRobinProxy } from "./round-robin-proxy.ts";
import { type ServiceProcess, serviceProcess } from "./service-process.ts";

/** Copies of each subgraph and of the gateway. */
export const REPLICAS = 2;

export interface ReplicaStackOptions {
  /** Settings for every process beyond the stack's own (e.g. OTEL_* to trace them). */
  env?: Record<string, string>;
}
/** A dozen processes loading at once on a two-core machine take a while to answer /ready. */
const READY_TIMEOUT_MS = 180_000;

export interface ReplicaStack {
  postgres: PostgresCluster;
  nats: NatsServer;
  /** Every subgraph's processes, behind one round-robin proxy each. */
  subgraphs: Record<SubgraphName, ServiceProcess[]>;
  gateways: ServiceProcess[];
  /** The database a subgraph's replicas created for themselves on the private cluster. */
  databaseUrl(subgraph: SubgraphName): string;
  /** Services that exited without the harness asking them to. */
  unexpectedExits: UnexpectedExit[];
  dispose(): Promise<void>;
}

/**
 * Kai scaled out on one machine: REPLICAS processes of every subgraph behind a round-robin
 * proxy, and as many gateways, on a PostgreSQL server that has never seen Kai. Every
 * subgraph process is started at the same instant, as Kubernetes starts a Deployment's pods,
 * so they race to create their databases, migrate them and make the first signing key.
 */
export async function startReplicaStack(options: ReplicaStackOptions = {}): Promise<ReplicaStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "kai-replicas-"));
  const parts: { dispose(): Promise<void> }[] = [];
  const processes: ServiceProcess[] = [];
  const dispose = async () => {
    await Promise.all(processes.map((service) => service.stop()));
    await Promise.allSettled(parts.map((part) => part.dispose()));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const [postgres, nats, redis] = await Promise.all([
      startPostgresCluster(),
      startNatsServer(),
      startRedisServer(),
    ]);
    parts.push(postgres, nats, redis);
    const ports = await distinctPorts((SUBGRAPHS.length + 1) * REPLICAS);
    const portsOf = (index: number) => ports.slice(index * REPLICAS, (index + 1) * REPLICAS);
    const proxies = new Map<SubgraphName, RoundRobinProxy>();
    for (const [index, name] of SUBGRAPHS.entries()) {
      const proxy = await startRoundRobinProxy(portsOf(index));
      parts.push(proxy);
      proxies.set(name, proxy);
    }
    const unexpectedExits: UnexpectedExit[] = [];
    const common = commonEnv(postgres, nats, redis, dataDir, `${proxies.get("users")?.url}`);
    const make = (service: string, replica: number, entry: string, port: number, env = {}) => {
      const started = serviceProcess({
        name: `${service}-${replica + 1}`,
        entry,
        port,
        env: { ...common, OTEL_SERVICE_NAME: service, ...options.env, ...env },
        readyTimeoutMs: READY_TIMEOUT_MS,
        onUnexpectedExit: (name, reason, output) => unexpectedExits.push({ name, reason, output }),
      });
      processes.push(started);
      return started;
    };

    const subgraphs = Object.fromEntries(
      SUBGRAPHS.map((name, index) => [
        name,
        portsOf(index).map((port, replica) =>
          make(name, replica, `subgraphs/${name}/src/main.ts`, port),
        ),
      ]),
    ) as Record<SubgraphName, ServiceProcess[]>;
    await Promise.all(Object.values(subgraphs).flatMap((group) => group.map((p) => p.start())));

    const routing = Object.fromEntries(
      SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `${proxies.get(name)?.url}/graphql`]),
    );
    const gateways = portsOf(SUBGRAPHS.length).map((port, replica) =>
      make("gateway", replica, "gateway/src/main.ts", port, routing),
    );
    await Promise.all(gateways.map((gateway) => gateway.start()));

    return {
      postgres,
      nats,
      subgraphs,
      gateways,
      databaseUrl(subgraph) {
        const url = new URL(postgres.url);
        url.pathname = `/kai_${subgraph}`;
        return url.toString();
      },
      unexpectedExits,
      dispose,
    };
  } catch (error) {
    // A replica that never became ready says why only in its own output.
    const outputs = processes.map((service) => `--- ${service.name}\n${service.output()}`);
    await dispose();
    throw new Error(`${String(error)}\n${outputs.join("\n")}`, { cause: error });
  }
}

function commonEnv(
  postgres: PostgresCluster,
  nats: NatsServer,
  redis: RedisServer,
  dataDir: string,
  usersUrl: string,
): Record<string, string> {
  return {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    DATABASE_URL: postgres.url,
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // A killed consumer's messages come back after 5 s instead of production's 30.
    EVENTS_ACK_WAIT_MS: "5000",
    JWKS_URL: `${usersUrl}/.well-known/jwks.json`,
  };
}

/** freePort closes its probe before answering, so two calls may name the same port. */
async function distinctPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
