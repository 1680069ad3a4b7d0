import type { DbOrTx } from "@kai/db";
import { and, eq } from "drizzle-orm";
import { identities } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

export type IdentityRow = typeof identities.$inferSelect;

export async function findIdentity(
  db: DbOrTx<UsersSchema>,
  provider: string,
  subject: string,
): Promise<IdentityRow | undefined> {
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.provider, provider), eq(identities.subject, subject)))
    .limit(1);
  return row;
}

/**
 * Links a provider's subject to a user; resolves to undefined when a concurrent sign-in
 * linked that subject first (the caller starts over and finds that link).
 */
export async function insertIdentity(
  db: DbOrTx<UsersSchema>,
  identity: typeof identities.$inferInsert,
): Promise<IdentityRow | undefined> {
  const [row] = await db.insert(identities).values(identity).onConflictDoNothing().returning();
  return row;
}
