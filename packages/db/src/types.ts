import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";

/** A drizzle database over either driver we run on (postgres.js or PGlite). */
export type Db<S extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PgQueryResultHKT,
  S
>;
export type Tx<S extends Record<string, unknown> = Record<string, never>> = PgTransaction<
  PgQueryResultHKT,
  S,
  ExtractTablesWithRelations<S>
>;
export type DbOrTx<S extends Record<string, unknown> = Record<string, never>> = Db<S> | Tx<S>;
