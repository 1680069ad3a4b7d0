import type { DbOrTx } from "@kai/db";
import type { EventEnvelope, EventType } from "@kai/events";
import { type FactRow, facts, registrations } from "./schema.ts";
import type { AnalyticsSchema } from "./tables.ts";

/** Records one counted event; the event's id keys the row, so applying it again adds nothing. */
export async function insertFact(
  tx: DbOrTx<AnalyticsSchema>,
  event: EventEnvelope<EventType>,
  fact: Pick<FactRow, "kind"> & Partial<Pick<FactRow, "captureId" | "topicId" | "aiCost">>,
): Promise<void> {
  await tx
    .insert(facts)
    .values({
      eventId: event.id,
      userId: event.userId,
      occurredAt: new Date(event.occurredAt),
      ...fact,
    })
    .onConflictDoNothing();
}

/** A registration at the instant the users subgraph created the account. */
export async function insertRegistration(
  tx: DbOrTx<AnalyticsSchema>,
  userId: string,
  registeredAt: Date,
): Promise<void> {
  await tx.insert(registrations).values({ userId, registeredAt }).onConflictDoNothing();
}
