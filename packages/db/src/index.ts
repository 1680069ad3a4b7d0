export { isDatabaseUnavailable } from "./database-unavailable.ts";
export { type Database, type OpenDatabaseOptions, openDatabase } from "./open-database.ts";
export type { Db, DbOrTx, Tx } from "./types.ts";
