import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Structured JSON logs, one stream per service; `service` names the process in every line.
 * This package depends on pino alone, so libraries that only log (events, redis) need not
 * pull in the HTTP server packages to name the type.
 */
export function createLogger(service: string, level = "info"): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
