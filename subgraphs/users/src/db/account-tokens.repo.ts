import type { DbOrTx } from "@kai/db";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { accountTokens } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)["purpose"];

/**
 * Stores a new token and drops the user's unused ones of the same purpose: only the newest
 * mail's link works, so an older mail lying around opens nothing.
 */
export async function replaceAccountToken(
  db: DbOrTx<UsersSchema>,
  token: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await discardAccountTokens(db, token.userId, token.purpose);
  await db.insert(accountTokens).values(token);
}

/** Drops the user's unused tokens of a purpose, e.g. other reset links once one was used. */
export async function discardAccountTokens(
  db: DbOrTx<UsersSchema>,
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<void> {
  await db
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
      ),
    );
}

/**
 * Spends a token: one statement that matches only an unused, unexpired token of the purpose,
 * so two requests racing with one link cannot both succeed. Resolves to the token's user, or
 * undefined (and writes nothing) for an unknown, used, expired or other-purpose token.
 */
export async function spendAccountToken(
  db: DbOrTx<UsersSchema>,
  purpose: AccountTokenPurpose,
  tokenHash: string,
): Promise<string | undefined> {
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: accountTokens.userId });
  return row?.userId;
}
