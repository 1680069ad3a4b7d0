import { is } from "drizzle-orm";
import { PgTransaction, type PgTransactionConfig } from "drizzle-orm/pg-core";
import type { Db, DbOrTx, Tx } from "./types.ts";

/** Work that must wait until a change is durable; it receives the database that committed it. */
export type CommitHook = (db: object) => void;

interface OpenTransaction {
  db: object;
  hooks: CommitHook[];
}

/**
 * The open transactions of every database made by `openDatabase`, each savepoint its own: a
 * savepoint's hooks join its parent's when it is released and are dropped when it rolls back.
 * Weak: a finished transaction is collected.
 */
const open = new WeakMap<object, OpenTransaction>();

/**
 * Runs `hook` once the transaction `dbOrTx` belongs to has committed, and never when it rolls
 * back; outside a transaction (`dbOrTx` is the database itself, whose statements commit as
 * they run) it runs at once. Drizzle has no commit hook of its own, so `openDatabase` wraps
 * `transaction` (see `runCommitHooks`).
 *
 * A hook runs synchronously after COMMIT and before the transaction's promise resolves; it
 * must not throw, since the caller would take that for a failed transaction that committed.
 */
export function afterCommit<S extends Record<string, unknown>>(
  dbOrTx: DbOrTx<S>,
  hook: CommitHook,
): void {
  const transaction = open.get(dbOrTx);
  if (transaction) transaction.hooks.push(hook);
  else if (is(dbOrTx, PgTransaction))
    // Running it now would be before the commit: fail loudly rather than silently early.
    throw new Error("afterCommit needs a transaction of a database opened by openDatabase");
  else hook(dbOrTx);
}

/** Makes `db.transaction` run the afterCommit hooks registered in it once it commits. */
export function runCommitHooks<S extends Record<string, unknown>>(db: Db<S>): Db<S> {
  const begin = db.transaction.bind(db);
  db.transaction = async <T>(
    work: (tx: Tx<S>) => Promise<T>,
    config?: PgTransactionConfig,
  ): Promise<T> => {
    const transaction: OpenTransaction = { db, hooks: [] };
    const result = await begin((tx) => work(track(tx, transaction)), config);
    for (const hook of transaction.hooks) hook(db);
    return result;
  };
  return db;
}

/**
 * Registers `tx` and every savepoint opened in it. Releasing a savepoint commits nothing, so
 * its hooks wait in its parent's list for the outermost commit; a savepoint rolled back takes
 * its hooks with it (an event enqueued in it must not be published).
 */
function track<S extends Record<string, unknown>>(tx: Tx<S>, transaction: OpenTransaction): Tx<S> {
  open.set(tx, transaction);
  const nest = tx.transaction.bind(tx);
  tx.transaction = async <T>(work: (inner: Tx<S>) => Promise<T>) => {
    const savepoint: OpenTransaction = { db: transaction.db, hooks: [] };
    const result = await nest((inner) => work(track(inner, savepoint)));
    transaction.hooks.push(...savepoint.hooks);
    return result;
  };
  return tx;
}
