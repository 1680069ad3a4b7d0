import type { AccessTokenRevocations } from "@kai/auth";
import type { Db } from "@kai/db";
import { deleteUnsentEvents, enqueueEvent } from "@kai/events";
import type { UsersSchema } from "../db/tables.ts";
import { deleteUser } from "../db/users.repo.ts";

/**
 * Deletes the account in one transaction: the row (sessions, refresh tokens and the rest
 * cascade), its events not yet sent, `users.user_deleted` for every subgraph to erase the user's
 * rows (users' own consumer of it purges the USERS stream of the user's events), and the
 * revocation of every access token issued so far, so none works a moment longer anywhere.
 * The revocation goes last: a failure before it revokes nothing, and NATS refusing it rolls the
 * deletion back, as a deleted account with live tokens is worse than a deletion to retry. (Should
 * the commit itself then fail, the user only signs in again.) False when there was no account.
 */
export function deleteAccount(
  db: Db<UsersSchema>,
  revocations: Pick<AccessTokenRevocations, "revoke">,
  userId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await deleteUser(tx, userId))) return false;
    // Sent after the deletion, they would outlive it in the stream: its purge would miss them.
    await deleteUnsentEvents(tx, userId);
    await enqueueEvent(tx, "users.user_deleted", userId, {});
    await revocations.revoke(userId);
    return true;
  });
}
