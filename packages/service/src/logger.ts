import { type Logger, pino } from "pino";

export type { Logger };

/** Structured JSON logs, one stream per service; `service` names the process in every line. */
export function createLogger(service: string, level = "info"): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
