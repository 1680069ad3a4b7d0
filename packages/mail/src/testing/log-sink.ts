import type { Logger } from "@kai/logger";
import { pino } from "pino";

export interface LogSink {
  log: Logger;
  /** Every line logged, parsed. */
  lines: Array<{ level: number; msg: string } & Record<string, unknown>>;
}

/** A real logger whose lines the test can read, to check that failures are visible. */
export function logSink(): LogSink {
  const lines: LogSink["lines"] = [];
  const log = pino(
    { level: "info" },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { log, lines };
}
