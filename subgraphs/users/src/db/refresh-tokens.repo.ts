import type { DbOrTx } from "@kai/db";
import { and, eq, isNull } from "drizzle-orm";
import { refreshTokens, sessions } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(
  db: DbOrTx<UsersSchema>,
  token: { tokenHash: string; familyId: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values(token);
}

/** Locks the row so two concurrent refreshes with one token cannot both rotate it. */
export async function findRefreshTokenForUpdate(
  db: DbOrTx<UsersSchema>,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for("update");
  return row;
}

export async function markRefreshTokenUsed(db: DbOrTx<UsersSchema>, id: string): Promise<void> {
  await db.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.id, id));
}

/** Ends a sign-in (logout, or a spent token reused): its session and every token in it. */
export async function revokeFamily(db: DbOrTx<UsersSchema>, familyId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, familyId), isNull(sessions.revokedAt)));
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}
