/**
 * Keeps one child process running for `pnpm start`: a child that exits on its own is started
 * again after a delay that doubles with every crash in a row (up to a cap), and a run that
 * lasted long enough counts as healthy, so the next crash starts from the short delay again.
 * Only `stop()` ends it: SIGTERM first, so the child shuts down gracefully, SIGKILL if it hangs.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

export interface BackoffOptions {
  /** Delay before the first restart after a crash. Default 500 ms: a transient fault heals fast. */
  initialDelayMs?: number;
  /**
   * Longest delay between restarts. Default 30 s: a service that cannot start (its database
   * is away) is retried twice a minute instead of spinning and flooding the terminal.
   */
  maxDelayMs?: number;
  /**
   * A run at least this long was healthy: the crash after it waits `initialDelayMs` again.
   * Default 60 s, longer than any service takes to start, so a crash during startup never
   * counts as a healthy run.
   */
  healthyAfterMs?: number;
}

export interface SupervisorOptions extends BackoffOptions {
  /** Names the child in log lines, e.g. "progress". */
  name: string;
  command: string;
  args?: readonly string[];
  /** Passed to `spawn` for every run (cwd, env, stdio). Default stdio: inherited. */
  spawnOptions?: SpawnOptions;
  /** How long `stop()` waits after SIGTERM before it sends SIGKILL. Default 10 s. */
  stopTimeoutMs?: number;
  /** Where the supervisor's own lines go. Default: stderr. */
  log?: (line: string) => void;
}

export interface Supervised {
  readonly name: string;
  /** The running child's pid; undefined while it waits to be restarted and after `stop()`. */
  readonly pid: number | undefined;
  /** How many times the child has been started again after exiting. */
  readonly restarts: number;
  /** Ends the child (SIGTERM, then SIGKILL after `stopTimeoutMs`) and restarts it no more. */
  stop(): Promise<void>;
}

const DEFAULTS = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  stopTimeoutMs: 10_000,
} satisfies Required<BackoffOptions> & { stopTimeoutMs: number };

/** The delay before the restart that follows `crashes` crashes in a row (1 or more). */
export function restartDelay(crashes: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? DEFAULTS.initialDelayMs;
  const max = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  return Math.min(initial * 2 ** Math.max(crashes - 1, 0), max);
}

/** Starts `command` now and keeps it running until `stop()`. */
export function supervise(options: SupervisorOptions): Supervised {
  const settings = { ...DEFAULTS, ...options };
  const log = options.log ?? ((line: string) => console.error(line));
  let child: ChildProcess | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let crashes = 0;
  let restarts = 0;
  let stopping: Promise<void> | undefined;

  function start(): void {
    const startedAt = performance.now();
    const current = spawn(options.command, options.args ?? [], {
      stdio: "inherit",
      ...options.spawnOptions,
    });
    child = current;
    // A child that cannot be spawned at all emits "error" and maybe no "exit": either ends the run.
    let ended = false;
    const end = (how: string) => {
      if (ended) return;
      ended = true;
      if (child === current) child = undefined;
      if (!stopping) scheduleRestart(how, performance.now() - startedAt);
    };
    current.once("exit", (code, signal) =>
      end(signal ? `was killed by ${signal}` : `exited with code ${code}`),
    );
    current.once("error", (error) => end(`failed: ${error.message}`));
  }

  function scheduleRestart(how: string, ranForMs: number): void {
    crashes = ranForMs >= settings.healthyAfterMs ? 1 : crashes + 1;
    const delay = restartDelay(crashes, settings);
    // Local wall-clock time, as the terminal around it shows.
    const at = new Date(Date.now() + delay).toTimeString().slice(0, 8);
    log(
      `[supervisor] ${options.name} ${how} after ${seconds(ranForMs)}; restarting in ${seconds(delay)} (at ${at}, crash ${crashes} in a row)`,
    );
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      restarts++;
      start();
    }, delay);
  }

  async function terminate(running: ChildProcess): Promise<void> {
    // No pid: the spawn failed and "error" is on its way; exited: nothing left to end.
    if (running.pid === undefined || running.exitCode !== null || running.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const killer = setTimeout(() => {
      log(
        `[supervisor] ${options.name} did not stop within ${seconds(settings.stopTimeoutMs)}; killing it`,
      );
      running.kill("SIGKILL");
    }, settings.stopTimeoutMs);
    await exited.finally(() => clearTimeout(killer));
  }

  start();
  return {
    name: options.name,
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    stop() {
      stopping ??= (async () => {
        clearTimeout(restartTimer);
        const running = child;
        child = undefined;
        if (running) await terminate(running);
      })();
      return stopping;
    },
  };
}

const seconds = (ms: number) =>
  ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
