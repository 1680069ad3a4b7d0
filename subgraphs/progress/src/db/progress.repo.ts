import { type DbOrTx, oneOf, preparedOnce, runPrepared, uuidsOnly } from "@kai/db";
import { eq, sql } from "drizzle-orm";
import { type UserProgressRow, userProgress } from "./schema.ts";
import type { ProgressSchema } from "./tables.ts";

type NewProgress = typeof userProgress.$inferInsert;
type ProgressChange = Partial<Omit<NewProgress, "userId" | "updatedAt">>;

/** Creates the user's row; a replay of user_created leaves the existing one untouched. */
export async function insertProgress(db: DbOrTx<ProgressSchema>, row: NewProgress): Promise<void> {
  await db.insert(userProgress).values(row).onConflictDoNothing({ target: userProgress.userId });
}

const progressByUserStatement = preparedOnce((db: DbOrTx<ProgressSchema>) =>
  db.select().from(userProgress).where(oneOf(userProgress.userId, "userIds")),
);

export function findProgressByUserIds(
  db: DbOrTx<ProgressSchema>,
  userIds: readonly string[],
): Promise<UserProgressRow[]> {
  const valid = uuidsOnly(userIds);
  if (valid.length === 0) return Promise.resolve([]);
  return progressByUserStatement(db, {}).execute({ userIds: valid });
}

/** Locks the row: two events of one user applied at once must not both read the old totals. */
export async function lockProgress(
  db: DbOrTx<ProgressSchema>,
  userId: string,
): Promise<UserProgressRow | undefined> {
  const [row] = await runPrepared(
    db.select().from(userProgress).where(eq(userProgress.userId, userId)).for("update"),
  );
  return row;
}

export async function updateProgress(
  db: DbOrTx<ProgressSchema>,
  userId: string,
  change: ProgressChange,
): Promise<void> {
  // Prepared, so a review's writes sent together really go out together.
  await runPrepared(
    db
      .update(userProgress)
      .set({ ...change, updatedAt: sql`now()` })
      .where(eq(userProgress.userId, userId)),
  );
}

/**
 * Deletes the user's progress; their daily activity, point awards and achievements go with it
 * (foreign keys cascade). Resolves to whether there was a row.
 */
export async function deleteProgress(db: DbOrTx<ProgressSchema>, userId: string): Promise<boolean> {
  const deleted = await db
    .delete(userProgress)
    .where(eq(userProgress.userId, userId))
    .returning({ userId: userProgress.userId });
  return deleted.length > 0;
}
