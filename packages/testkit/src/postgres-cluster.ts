import { execFile } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startOnFreePort } from "./free-port.ts";

const run = promisify(execFile);

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database (trust auth, 127.0.0.1 only). */
  url: string;
  /** Stops the server the way a power cut would (`pg_ctl stop -m immediate`): recovery on start. */
  crash(): Promise<void>;
  /** A clean, fast shutdown (`-m fast`), keeping the data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

/**
 * Settings for a throwaway test server. fsync is off because only the OS crashing would
 * need it, and an immediate stop is not that; synchronous_commit stays on so that an
 * acknowledged commit survives `crash()`, which is what fault tests check.
 */
const SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  fsync: "off",
  full_page_writes: "off",
  shared_buffers: "'32MB'",
  max_connections: "200",
  logging_collector: "off",
};

/** The PostgreSQL binaries: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(`No PostgreSQL under ${root}: install postgresql or set PG_BIN`);
  }
  return join(root, versions[0], "bin");
}

/** initdb and postgres refuse to run as root, so as root they run as the `postgres` user. */
async function runAsOwner(binary: string, args: string[]): Promise<void> {
  const [command, argv] =
    process.getuid?.() === 0
      ? ["runuser", ["-u", "postgres", "--", binary, ...args]]
      : [binary, args];
  try {
    await run(command, argv, { timeout: 60_000 });
  } catch (error) {
    const { stderr = "", stdout = "" } = error as { stderr?: string; stdout?: string };
    throw new Error(`${binary} ${args.join(" ")} failed: ${stderr || stdout}`, { cause: error });
  }
}

async function postgresOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([
    run("id", ["-u", "postgres"]),
    run("id", ["-g", "postgres"]),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A private PostgreSQL server made with initdb in a temporary directory, on a free port,
 * so a test may crash and restart it without touching the shared server others use.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "kai-pg-"));
  const dataDir = join(dir, "data");
  const owner = await postgresOwner();
  if (owner) chownSync(dir, owner.uid, owner.gid);

  const pgCtl = (...args: string[]) => runAsOwner(join(bin, "pg_ctl"), ["-D", dataDir, ...args]);
  // The port tried, then listened on. One log per port, so a failed start is read from its own
  // attempt's lines.
  let port = 0;
  const logFile = () => join(dir, `postgres-${port}.log`);
  let running = false;
  const start = async () => {
    await pgCtl("start", "-w", "-t", "60", "-l", logFile());
    running = true;
  };
  const stopWith = async (mode: "immediate" | "fast") => {
    if (!running) return;
    await pgCtl("stop", "-w", "-m", mode);
    running = false;
  };

  try {
    await runAsOwner(join(bin, "initdb"), [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--no-sync",
    ]);
    await startOnFreePort(async (candidate) => {
      port = candidate;
      // The socket goes beside the data: the system's socket directory may be missing or shared.
      const settings = {
        ...SETTINGS,
        port: String(port),
        unix_socket_directories: `'${dir}'`,
      };
      const conf = Object.entries(settings)
        .map(([key, value]) => `${key} = ${value}\n`)
        .join("");
      writeFileSync(join(dataDir, "postgresql.auto.conf"), conf);
      if (owner) chownSync(join(dataDir, "postgresql.auto.conf"), owner.uid, owner.gid);
      await start().catch((error: unknown) => {
        // pg_ctl only says the server did not start; why is in the server's log.
        const log = existsSync(logFile()) ? readFileSync(logFile(), "utf8") : "";
        throw new Error(`${String(error)}\n${log}`, { cause: error });
      });
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => stopWith("immediate"),
    stop: () => stopWith("fast"),
    start,
    async dispose() {
      await stopWith("immediate").catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
