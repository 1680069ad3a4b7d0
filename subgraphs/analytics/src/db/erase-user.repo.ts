import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@kai/db";
import { eq } from "drizzle-orm";
import { facts, registrations } from "./schema.ts";
import type { AnalyticsSchema } from "./tables.ts";

/**
 * What analytics keeps of a deleted account: its counts, not its id. Every row of the user
 * moves to one fresh random id that is stored nowhere else, so distinct-user counts (active
 * users, cohorts, the funnel) stay exactly as they were while nothing links them to the
 * account any more.
 */
export async function pseudonymizeUser(tx: DbOrTx<AnalyticsSchema>, userId: string): Promise<void> {
  const pseudonym = randomUUID();
  await tx.update(facts).set({ userId: pseudonym }).where(eq(facts.userId, userId));
  await tx.update(registrations).set({ userId: pseudonym }).where(eq(registrations.userId, userId));
}
