import { randomUUID } from "node:crypto";
import { afterCommit, type DbOrTx, runPrepared } from "@kai/db";
import {
  catalogue,
  type EventData,
  type EventEnvelope,
  type EventType,
  subjectOf,
} from "./catalogue.ts";
import { outboxCommitted } from "./outbox-signal.ts";
import { outbox } from "./tables.ts";
import { outboxPayload } from "./trace-headers.ts";

/** A new, validated envelope; throws when the data does not match the catalogue. */
export function buildEvent<T extends EventType>(
  type: T,
  userId: string,
  data: EventData<T>,
  occurredAt: Date = new Date(),
): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: catalogue[type].version,
    occurredAt: occurredAt.toISOString(),
    userId,
    data: catalogue[type].data.parse(data) as EventData<T>,
  };
}

/**
 * Writes an event to the outbox inside the caller's transaction: it is published if and only
 * if the change it describes commits. The payload is validated here, so a bad event fails
 * the mutation instead of poisoning consumers. The commit itself hands the event to this
 * process's relay, so it leaves within milliseconds without the caller doing anything more.
 */
export async function enqueueEvent<T extends EventType, S extends Record<string, unknown>>(
  tx: DbOrTx<S>,
  type: T,
  userId: string,
  data: EventData<T>,
  occurredAt: Date = new Date(),
): Promise<EventEnvelope<T>> {
  const event = buildEvent(type, userId, data, occurredAt);
  const row = { id: event.id, subject: subjectOf(type, userId), payload: outboxPayload(event) };
  // Prepared, so the caller's other statements can go out with it.
  await runPrepared(tx.insert(outbox).values(row));
  afterCommit(tx, (db) => outboxCommitted(db, row));
  return event;
}
