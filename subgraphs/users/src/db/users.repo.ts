import { type DbOrTx, isUuid, oneOf, preparedOnce, uuidsOnly } from "@kai/db";
import { eq } from "drizzle-orm";
import { type UserRow, users } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

type NewUser = typeof users.$inferInsert;

/** Inserts a user; resolves to undefined when the email is taken. */
export async function insertUser(
  db: DbOrTx<UsersSchema>,
  user: NewUser,
): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values(user)
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

export async function findUserByEmail(
  db: DbOrTx<UsersSchema>,
  email: string,
): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

/** Ids come from entity references too: one that is not a uuid finds no user, not an error. */
// Every request that names a user (`me`, a User reference) reads through this one.
const usersByIdStatement = preparedOnce((db: DbOrTx<UsersSchema>) =>
  db.select().from(users).where(oneOf(users.id, "ids")),
);

export function findUsersByIds(
  db: DbOrTx<UsersSchema>,
  ids: readonly string[],
): Promise<UserRow[]> {
  const wanted = uuidsOnly(ids);
  if (wanted.length === 0) return Promise.resolve([]);
  return usersByIdStatement(db, {}).execute({ ids: wanted });
}

export async function updateUser(
  db: DbOrTx<UsersSchema>,
  id: string,
  changes: Partial<Pick<UserRow, "name" | "timezone">>,
): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

/**
 * Changes what proves the account: a new password hash (reset, change), a verified email (a
 * mailed link was opened). The row after.
 */
export async function updateCredentials(
  db: DbOrTx<UsersSchema>,
  id: string,
  changes: Partial<Pick<UserRow, "passwordHash" | "emailVerified">>,
): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

/** The user's new role; undefined for an id that names no user (or is not a uuid). */
export async function updateRole(
  db: DbOrTx<UsersSchema>,
  id: string,
  role: UserRow["role"],
): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.update(users).set({ role }).where(eq(users.id, id)).returning();
  return row;
}

/**
 * Deletes the account; its sessions, refresh tokens, account tokens and identities cascade.
 * Resolves to whether there was one to delete.
 */
export async function deleteUser(db: DbOrTx<UsersSchema>, id: string): Promise<boolean> {
  const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return deleted.length > 0;
}
