export { afterCommit, type CommitHook } from "./after-commit.ts";
export { isDatabaseUnavailable } from "./database-unavailable.ts";
export { decodeCursor, encodeCursor, type KeysetCursor } from "./keyset-cursor.ts";
export { type ListColumns, olderThan, positionInList } from "./list-position.ts";
export { decodeOffsetCursor, encodeOffsetCursor } from "./offset-cursor.ts";
export { type Database, type OpenDatabaseOptions, openDatabase } from "./open-database.ts";
export { oneOf, preparedOnce, runPrepared } from "./run-prepared.ts";
export type { Db, DbOrTx, Tx } from "./types.ts";
export { isUuid, uuidsOnly } from "./uuid.ts";
