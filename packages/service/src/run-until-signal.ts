import type { Logger } from "./logger.ts";

export interface Service {
  stop(): Promise<void>;
}

/** Starts a service and stops it gracefully on SIGINT/SIGTERM; a second signal exits at once. */
export async function runUntilSignal(start: () => Promise<Service>, log: Logger): Promise<void> {
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
