import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  startNatsServer,
  startPostgresCluster,
  startRedisServer,
  startSmtpServer,
} from "@kai/testkit";
import { SUBGRAPHS, type SubgraphName } from "../tests/support/process-stack.ts";
import { type ServiceProcess, serviceProcess } from "../tests/support/service-process.ts";

export interface PerfStack {
  /** Kai's gateway (gateway/src/main.ts), every limit and check on. */
  ours: ServiceProcess;
  /** A bare @apollo/gateway (bare-gateway.ts) over the same subgraph processes. */
  bare: ServiceProcess;
  /** Each subgraph's GraphQL endpoint, by name. */
  subgraphs: Record<SubgraphName, string>;
  natsUrl: string;
  /** The database a subgraph made for itself on the private cluster. */
  databaseUrl(subgraph: SubgraphName): string;
  dispose(): Promise<void>;
}

export interface PerfStackOptions {
  /** Where Kai's gateway and the subgraphs write CPU profiles (cpu-profile.ts); none if unset. */
  profileDir?: string;
}

const PROFILER = new URL("./cpu-profile.ts", import.meta.url).pathname;

/**
 * The supergraph as production runs it — NODE_ENV=production, each subgraph and each gateway
 * its own process, on a private PostgreSQL cluster, nats-server, redis-server and SMTP sink —
 * with two gateways in front: Kai's and a bare one, so both are measured in the same run
 * over the same subgraphs.
 */
export async function startPerfStack(options: PerfStackOptions = {}): Promise<PerfStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "kai-bench-"));
  const parts: { dispose(): Promise<void> }[] = [];
  const services: ServiceProcess[] = [];
  const dispose = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await Promise.allSettled(parts.map((part) => part.dispose()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const [postgres, nats, redis, smtp] = await Promise.all([
      startPostgresCluster(),
      startNatsServer(),
      startRedisServer(),
      startSmtpServer(),
    ]);
    parts.push(postgres, nats, redis, { dispose: () => smtp.stop() });
    const ports = await distinctPorts(SUBGRAPHS.length + 2);
    const common = {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      UNSUBSCRIBE_SECRET: "kai-bench-unsubscribe-secret-0123456789",
      ...vapidKeys(),
      JWKS_URL: `http://127.0.0.1:${ports[0]}/.well-known/jwks.json`,
    };
    const start = async (
      name: string,
      entry: string,
      port: number,
      env: Record<string, string>,
    ) => {
      const service = serviceProcess({
        name,
        entry,
        port,
        env: { ...common, ...env },
        readyTimeoutMs: 120_000,
      });
      services.push(service);
      await service.start();
      return service;
    };
    const profiled = (name: string): Record<string, string> =>
      options.profileDir
        ? {
            NODE_OPTIONS: `--import tsx --import ${PROFILER}`,
            BENCH_PROFILE_DIR: options.profileDir,
            BENCH_PROFILE_NAME: name,
          }
        : {};
    const [first, ...rest] = SUBGRAPHS.map((name, index) => ({
      name,
      port: ports[index] as number,
    }));
    await start("users", "subgraphs/users/src/main.ts", first?.port ?? 0, profiled("users"));
    await Promise.all(
      rest.map(({ name, port }) =>
        start(name, `subgraphs/${name}/src/main.ts`, port, profiled(name)),
      ),
    );
    const routing = Object.fromEntries(
      SUBGRAPHS.map((name, index) => [
        `${name.toUpperCase()}_URL`,
        `http://127.0.0.1:${ports[index]}/graphql`,
      ]),
    );
    const [ours, bare] = await Promise.all([
      start("gateway", "gateway/src/main.ts", ports[SUBGRAPHS.length] as number, {
        ...routing,
        ...profiled("gateway"),
      }),
      start("bare", "bench/bare-gateway.ts", ports[SUBGRAPHS.length + 1] as number, routing),
    ]);
    const subgraphs = Object.fromEntries(
      SUBGRAPHS.map((name, index) => [name, `http://127.0.0.1:${ports[index]}/graphql`]),
    ) as Record<SubgraphName, string>;
    const databaseUrl = (subgraph: SubgraphName) => {
      const url = new URL(postgres.url);
      url.pathname = `/kai_${subgraph}`;
      return url.toString();
    };
    return { ours, bare, subgraphs, natsUrl: nats.url, databaseUrl, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function distinctPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** Production requires a VAPID key pair (an uncompressed P-256 point and its scalar). */
function vapidKeys(): Record<string, string> {
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
    format: "jwk",
  });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x ?? "", "base64url"),
    Buffer.from(jwk.y ?? "", "base64url"),
  ]);
  return {
    VAPID_PUBLIC_KEY: point.toString("base64url"),
    VAPID_PRIVATE_KEY: jwk.d ?? "",
    VAPID_SUBJECT: "mailto:bench@kai.test",
  };
}
