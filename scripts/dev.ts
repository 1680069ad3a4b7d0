/**
 * Runs the whole supergraph on one machine: the six subgraphs and the gateway, each its own
 * process. Without DATABASE_URL every subgraph uses an embedded PGlite under .data/; without
 * a NATS or Redis answering, local nats-server / redis-server processes are started.
 * A service that dies is started again with backoff (./supervisor.ts); only Ctrl-C or SIGTERM
 * stops the stack.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import {
  jetStreamNatsArgs,
  memoryRedisArgs,
  portAccepts,
  spawnServer,
  stopServer,
} from "@kai/testkit";
import { supervise } from "./supervisor.ts";

const root = resolve(import.meta.dirname, "..");
const dataDir = resolve(root, process.env.DATA_DIR ?? ".data");
const services = [
  { name: "users", entry: "subgraphs/users/src/main.ts", port: 4001 },
  { name: "captures", entry: "subgraphs/captures/src/main.ts", port: 4002 },
  { name: "learning", entry: "subgraphs/learning/src/main.ts", port: 4003 },
  { name: "progress", entry: "subgraphs/progress/src/main.ts", port: 4004 },
  { name: "notifications", entry: "subgraphs/notifications/src/main.ts", port: 4005 },
  { name: "analytics", entry: "subgraphs/analytics/src/main.ts", port: 4006 },
  { name: "gateway", entry: "gateway/src/main.ts", port: 4000 },
];

const INSTALL_HINT = {
  "nats-server":
    "Debian/Ubuntu: sudo apt-get install nats-server · macOS: brew install nats-server",
  "redis-server": "Debian/Ubuntu: sudo apt-get install redis-server · macOS: brew install redis",
};

/** Starts a local server binary when nothing answers at `url`; returns the process it started. */
async function ensureLocal(
  binary: keyof typeof INSTALL_HINT,
  url: string,
  args: (port: number) => string[],
): Promise<ChildProcess | undefined> {
  const { hostname, port } = new URL(url);
  if (await portAccepts(Number(port), hostname)) return undefined;
  console.log(`no ${binary} at ${url}: starting a local one`);
  try {
    return await spawnServer(binary, args(Number(port)), Number(port));
  } catch (error) {
    console.error(
      `Could not start ${binary} (${(error as Error).message}).\nInstall it — ${INSTALL_HINT[binary]} — or set the URL of a running one.`,
    );
    process.exit(1);
  }
}

const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
mkdirSync(resolve(dataDir, "nats"), { recursive: true });
const infrastructure = [
  await ensureLocal("nats-server", natsUrl, (port) =>
    jetStreamNatsArgs(port, resolve(dataDir, "nats")),
  ),
  await ensureLocal("redis-server", redisUrl, memoryRedisArgs),
].filter((child) => child !== undefined);

const supervised = services.map(({ name, entry }) =>
  supervise({
    name,
    command: process.execPath,
    args: ["--import", "tsx", resolve(root, entry)],
    spawnOptions: {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        NATS_URL: natsUrl,
        REDIS_URL: redisUrl,
        NODE_ENV: process.env.NODE_ENV ?? "development",
        // The web example sends @kai/client's documents by id: serve its manifest by default.
        PERSISTED_DOCUMENTS:
          process.env.PERSISTED_DOCUMENTS ??
          resolve(root, "packages/client/src/generated/persisted-documents.json"),
      },
    },
  }),
);

let stopping = false;
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(supervised.map((service) => service.stop()));
  await Promise.all(infrastructure.map((child) => stopServer(child)));
  process.exit(0);
}
process.on("SIGINT", () => void stopAll());
process.on("SIGTERM", () => void stopAll());

const ready = (port: number) =>
  fetch(`http://127.0.0.1:${port}/ready`).then(
    (response) => response.ok,
    () => false,
  );

/**
 * Resolves once every service answers /ready. It never gives up: the supervisor keeps
 * restarting whatever crashed, so after a while it only says which services are still not ready.
 */
async function allReady(): Promise<void> {
  const patienceMs = 120_000;
  const since = Date.now();
  let warned = false;
  for (;;) {
    const answers = await Promise.all(services.map(({ port }) => ready(port)));
    if (answers.every(Boolean)) return;
    if (!warned && Date.now() - since > patienceMs) {
      warned = true;
      const waiting = services.filter((_, index) => !answers[index]).map(({ name }) => name);
      console.error(`still waiting for ${waiting.join(", ")} to be ready`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

await allReady();
console.log(
  "\nKai is running. GraphQL (queries, mutations, subscriptions): http://localhost:4000/graphql\n",
);
