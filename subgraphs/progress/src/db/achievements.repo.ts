import type { DbOrTx } from "@kai/db";
import { asc, inArray } from "drizzle-orm";
import { type AchievementRow, achievements } from "./schema.ts";
import type { ProgressSchema } from "./tables.ts";

/** Every unlocked achievement of the users, oldest first. */
export function findAchievementsByUserIds(
  db: DbOrTx<ProgressSchema>,
  userIds: readonly string[],
): Promise<AchievementRow[]> {
  return db
    .select()
    .from(achievements)
    .where(inArray(achievements.userId, [...userIds]))
    .orderBy(asc(achievements.unlockedAt), asc(achievements.key));
}

export async function insertAchievements(
  db: DbOrTx<ProgressSchema>,
  rows: AchievementRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(achievements).values(rows).onConflictDoNothing();
}
