import type { DbOrTx } from "@kai/db";
import { and, desc, eq, exists, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { refreshTokens, sessions } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

export type SessionRow = typeof sessions.$inferSelect;

/** Starts a session; its id is the family id of the refresh tokens it will hold. */
export async function insertSession(
  db: DbOrTx<UsersSchema>,
  session: { userId: string; userAgent: string | null },
): Promise<string> {
  const [row] = await db.insert(sessions).values(session).returning({ id: sessions.id });
  if (!row) throw new Error("inserting a session returned no row");
  return row.id;
}

/** A refresh: the session was used now, from this user agent (kept when none was sent). */
export async function touchSession(
  db: DbOrTx<UsersSchema>,
  id: string,
  userAgent: string | null,
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastUsedAt: sql`now()`, userAgent: sql`coalesce(${userAgent}, ${sessions.userAgent})` })
    .where(eq(sessions.id, id));
}

/**
 * The user's sessions that can still refresh: not ended, and holding a refresh token that is
 * neither spent, revoked nor expired. Most recently used first.
 */
export function activeSessions(db: DbOrTx<UsersSchema>, userId: string): Promise<SessionRow[]> {
  const liveToken = db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.familyId, sessions.id),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, sql`now()`),
      ),
    );
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exists(liveToken)))
    .orderBy(desc(sessions.lastUsedAt), desc(sessions.id));
}

/** The user's session with this id; another user's answers like a missing one. */
export async function findOwnSession(
  db: DbOrTx<UsersSchema>,
  userId: string,
  id: string,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .for("update");
  return row;
}

/**
 * Ends sessions of a user and revokes their refresh tokens at once, so none of them can
 * refresh again: one (`only`), all but one (`except`, the caller's own), or all. Resolves to
 * the ids ended now.
 */
export async function endSessions(
  db: DbOrTx<UsersSchema>,
  userId: string,
  which: { only: string } | { except: string | undefined } | "all",
): Promise<string[]> {
  const filter =
    which === "all"
      ? undefined
      : "only" in which
        ? eq(sessions.id, which.only)
        : which.except
          ? ne(sessions.id, which.except)
          : undefined;
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), filter))
    .returning({ id: sessions.id });
  const ids = ended.map((row) => row.id);
  if (ids.length > 0) {
    await db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(inArray(refreshTokens.familyId, ids), isNull(refreshTokens.revokedAt)));
  }
  return ids;
}
