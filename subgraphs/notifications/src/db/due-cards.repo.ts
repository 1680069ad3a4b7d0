import type { DbOrTx } from "@kai/db";
import { and, eq, gt, sql } from "drizzle-orm";
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

/**
 * Users with due cards no reminder named yet: a reminder may be owed (their local time
 * decides). Users whose cards were all named are left out, so they never crowd the batch.
 */
export function findUsersWithDueCards(
  db: DbOrTx<NotificationsSchema>,
  limit: number,
): Promise<DueCardsRow[]> {
  return db
    .select()
    .from(dueCards)
    .where(
      and(gt(dueCards.dueCount, 0), sql`not (${dueCards.cardIds} <@ ${dueCards.remindedCardIds})`),
    )
    .limit(limit);
}
