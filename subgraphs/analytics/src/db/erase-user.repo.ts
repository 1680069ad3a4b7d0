import type { DbOrTx } from "@kai/db";
import { eq } from "drizzle-orm";
import { facts, registrations } from "./schema.ts";
import type { AnalyticsSchema } from "./tables.ts";

/**
 * Forgets a deleted account: its registration and every fact of its activity. The owning
 * subgraphs purge the account's events from their streams (purgeUserEvents), so a rebuild of
 * the read model no longer sees them; deleting here keeps the live numbers equal to a
 * rebuild's, at the price of past numbers that drop when an account goes.
 */
export async function eraseUser(tx: DbOrTx<AnalyticsSchema>, userId: string): Promise<void> {
  await tx.delete(facts).where(eq(facts.userId, userId));
  await tx.delete(registrations).where(eq(registrations.userId, userId));
}
