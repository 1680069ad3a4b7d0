import type { DbOrTx } from "@kai/db";
import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { deckExports } from "../db/schema.ts";
import type { LearningSchema } from "../db/tables.ts";

type Db = DbOrTx<LearningSchema>;

export async function insertDeckExport(
  db: Db,
  deckExport: { id: string; ownerId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(deckExports).values(deckExport);
}

/** Deletes up to `limit` exports whose URL expired before `before`; resolves to their ids. */
export async function deleteExpiredExports(db: Db, before: Date, limit: number): Promise<string[]> {
  const expired = db
    .select({ id: deckExports.id })
    .from(deckExports)
    .where(lt(deckExports.expiresAt, before))
    .limit(limit);
  const deleted = await db
    .delete(deckExports)
    .where(inArray(deckExports.id, expired))
    .returning({ id: deckExports.id });
  return deleted.map((row) => row.id);
}

/** The owner's exports whose download URL still works. */
export async function countOpenExports(db: Db, ownerId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ open: count() })
    .from(deckExports)
    .where(and(eq(deckExports.ownerId, ownerId), gt(deckExports.expiresAt, now)));
  return row?.open ?? 0;
}
