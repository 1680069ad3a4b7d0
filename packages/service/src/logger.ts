// The logger lives in @kai/logger, which depends on pino alone; it is re-exported here so a
// service imports it with the rest of its server pieces.
export { createLogger, type Logger } from "@kai/logger";
