import type { DbOrTx } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import type { UserRow } from "../db/schema.ts";
import type { UsersSchema } from "../db/tables.ts";
import { insertUser } from "../db/users.repo.ts";
import type { UsersEnv } from "../env.ts";

export interface NewAccount {
  /** Already normalised (lower-cased, trimmed). */
  email: string;
  name: string;
  /** Null for an account made by an identity provider: it signs in there, not with a password. */
  passwordHash: string | null;
  timezone: string;
  emailVerified: boolean;
}

/**
 * Creates an account and, in the same transaction, tells the other subgraphs
 * (`users.user_created`): every way of signing up (register, an identity provider) goes
 * through here, so none forgets the event or the ADMIN_EMAILS rule. Resolves to undefined
 * when the email is taken.
 */
export async function createAccount(
  tx: DbOrTx<UsersSchema>,
  env: UsersEnv,
  account: NewAccount,
): Promise<UserRow | undefined> {
  const user = await insertUser(tx, {
    ...account,
    role: env.ADMIN_EMAILS.has(account.email) ? "ADMIN" : "USER",
  });
  if (!user) return undefined;
  await enqueueEvent(tx, "users.user_created", user.id, {
    email: user.email,
    name: user.name,
    timezone: user.timezone,
    role: user.role,
  });
  return user;
}
