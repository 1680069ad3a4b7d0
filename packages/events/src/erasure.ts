import { type DbOrTx, runPrepared } from "@kai/db";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import { erasedUsers, outbox } from "./tables.ts";

// The first key of the two-key advisory lock: a namespace of Kai's own, so the per-user key
// (a hash of the id) cannot meet an advisory lock taken for anything else.
const ERASURE_LOCKS = 0x6b6169;

const lockKey = (userId: string) => sql`${ERASURE_LOCKS}, hashtext(${userId})`;

/**
 * Whether the user has been erased here, under a shared lock on their erasure held until the
 * transaction ends. An event's effect and the user's erasure therefore never interleave: the
 * erasure waits for the effect to commit and then deletes its rows too, or the effect starts
 * after the erasure and is skipped. Two users whose ids hash alike only wait for each other.
 * Outside a transaction it is a plain check (the lock ends with the statement).
 */
export async function isErasedUser<S extends Record<string, unknown>>(
  tx: DbOrTx<S>,
  userId: string,
): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${lockKey(userId)})`);
  // Prepared: asked before every event's effect.
  const rows = await runPrepared(
    tx
      .select({ userId: erasedUsers.userId })
      .from(erasedUsers)
      .where(eq(erasedUsers.userId, userId)),
  );
  return rows.length > 0;
}

/**
 * Marks the user erased, after every effect of theirs in progress has committed (it takes the
 * lock isErasedUser shares, exclusively). Call it first in the transaction that deletes the
 * user's rows, so no event of theirs lands between the delete and the commit.
 */
export async function markUserErased<S extends Record<string, unknown>>(
  tx: DbOrTx<S>,
  userId: string,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(userId)})`);
  await tx.insert(erasedUsers).values({ userId }).onConflictDoNothing();
}

/**
 * Drops the user's events still waiting in this subgraph's outbox; call it in the erasure's
 * transaction. Unsent, they would reach the stream after the user's events were purged from it
 * (stream-erasure.ts). A row the relay is publishing at this moment is locked by it: the delete
 * waits for that publish to commit, skips the row as sent, and the purge after the erasure
 * finds the message. Sent rows are left to the relay's pruning. Resolves to the rows dropped.
 */
export async function deleteUnsentEvents<S extends Record<string, unknown>>(
  tx: DbOrTx<S>,
  userId: string,
): Promise<number> {
  const dropped = await tx
    .delete(outbox)
    // Every subject of a user's event ends in their id (subjectOf); an id holds no LIKE wildcard.
    .where(and(isNull(outbox.publishedAt), like(outbox.subject, `%.${userId}`)))
    .returning({ id: outbox.id });
  return dropped.length;
}
