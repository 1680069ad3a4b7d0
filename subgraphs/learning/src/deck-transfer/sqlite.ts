import initSqlJs, { type SqlJsStatic } from "sql.js";

let engine: Promise<SqlJsStatic> | undefined;

/** sql.js (SQLite compiled to wasm), loaded once per process on first use. */
export function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs();
  return engine;
}
