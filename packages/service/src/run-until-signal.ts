import type { Logger } from "./logger.ts";

export interface Service {
  stop(): Promise<void>;
}

/**
 * Starts a service and stops it gracefully on SIGINT/SIGTERM; a second signal exits at once.
 * An uncaught exception or unhandled rejection at any point ends the process (see
 * `exitOnUncaughtErrors`).
 */
export async function runUntilSignal(start: () => Promise<Service>, log: Logger): Promise<void> {
  exitOnUncaughtErrors(log);
  let service: Service | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down");
    (service?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    service = await start();
  } catch (error) {
    log.fatal({ err: error }, "failed to start");
    process.exit(1);
  }
}

/**
 * After an error nobody caught, the process's state is unknown: a request half answered, a
 * message held but never acknowledged, a pool with a broken connection. Carrying on would
 * leave a half-alive process that still answers /health, so log one structured fatal line
 * and exit 1 at once; the supervisor starts a clean process, JetStream redelivers what was
 * unacknowledged and the outbox still holds what was unpublished. No graceful stop: it would
 * run on the same unknown state.
 */
function exitOnUncaughtErrors(log: Logger): void {
  const exit = (origin: "uncaughtException" | "unhandledRejection") => (error: unknown) => {
    log.fatal({ err: error, origin }, "uncaught error; exiting");
    process.exit(1);
  };
  process.on("uncaughtException", exit("uncaughtException"));
  // Listened to on its own too: with --unhandled-rejections=warn Node would only warn.
  process.on("unhandledRejection", exit("unhandledRejection"));
}
