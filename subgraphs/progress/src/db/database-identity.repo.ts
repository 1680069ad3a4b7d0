import type { DbOrTx } from "@kai/db";
import { databaseIdentity } from "./schema.ts";
import type { ProgressSchema } from "./tables.ts";

/**
 * This database's id, created on first use. Replicas starting together race to create it;
 * the singleton key lets exactly one insert win, and every replica then reads the same id.
 */
export async function databaseId(db: DbOrTx<ProgressSchema>): Promise<string> {
  await db.insert(databaseIdentity).values({}).onConflictDoNothing();
  const [row] = await db.select({ id: databaseIdentity.id }).from(databaseIdentity);
  if (!row) throw new Error("database_identity has no row after inserting one");
  return row.id;
}
