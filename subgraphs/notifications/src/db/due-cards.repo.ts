import type { DbOrTx } from "@kai/db";
import { eq, gt } from "drizzle-orm";
import type { DueState } from "../domain/due-reminder.ts";
import { type DueCardsRow, dueCards } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

/** The user's due-card state, locked until the transaction ends. */
export async function lockDueCards(
  tx: DbOrTx<NotificationsSchema>,
  userId: string,
): Promise<DueCardsRow | undefined> {
  const [row] = await tx.select().from(dueCards).where(eq(dueCards.userId, userId)).for("update");
  return row;
}

export async function saveDueCards(
  tx: DbOrTx<NotificationsSchema>,
  userId: string,
  state: DueState,
): Promise<void> {
  await tx
    .insert(dueCards)
    .values({ userId, ...state })
    .onConflictDoUpdate({ target: dueCards.userId, set: state });
}

/** Users with due cards (a reminder may be owed); the scheduler checks the rest in code. */
export function findUsersWithDueCards(
  db: DbOrTx<NotificationsSchema>,
  limit: number,
): Promise<DueCardsRow[]> {
  return db.select().from(dueCards).where(gt(dueCards.dueCount, 0)).limit(limit);
}
