import type { DbOrTx } from "@kai/db";
import { eq, inArray } from "drizzle-orm";
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

export function findUsersByIds(
  db: DbOrTx<UsersSchema>,
  ids: readonly string[],
): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
}

export async function updateUser(
  db: DbOrTx<UsersSchema>,
  id: string,
  changes: Partial<Pick<UserRow, "name" | "timezone">>,
): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}
