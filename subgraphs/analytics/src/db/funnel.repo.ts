import type { DbOrTx } from "@kai/db";
import { and, eq, exists, type SQL } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { DayRange } from "../domain/analytics-input.ts";
import { byEndOf, countAll, onDays } from "./day-sql.ts";
import { type FactKind, facts, registrations } from "./schema.ts";
import type { AnalyticsSchema } from "./tables.ts";

export interface FunnelCounts {
  registered: number;
  captured: number;
  processed: number;
  reviewed: number;
}

export interface CaptureFunnelCounts {
  created: number;
  processed: number;
  reviewed: number;
}

/** The columns the steps read, of `facts` under any of its aliases. */
type FactColumns = Record<"userId" | "kind" | "occurredAt", AnyPgColumn>;

const created = alias(facts, "created");
const processed = alias(facts, "processed");
const review = alias(facts, "review");

/**
 * Of the users who registered in the range, those who reached each step by the end of `to`.
 * "Reviewed" means a card of a topic one of their own captures made: the funnel's path.
 */
export async function userFunnel(
  db: DbOrTx<AnalyticsSchema>,
  range: DayRange,
): Promise<FunnelCounts> {
  const step = stepsBy(range);
  const theirs = (table: FactColumns, kind: FactKind) =>
    and(eq(table.userId, registrations.userId), step(table, kind));
  const count = async (condition?: SQL) =>
    (
      await db
        .select({ n: countAll() })
        .from(registrations)
        .where(and(onDays(registrations.registeredAt, range), condition))
    )[0]?.n ?? 0;
  const [registered, captured, processedUsers, reviewed] = await Promise.all([
    count(),
    count(exists(db.select().from(created).where(theirs(created, "capture_created")))),
    count(exists(db.select().from(processed).where(theirs(processed, "capture_processed")))),
    count(
      exists(
        db
          .select()
          .from(processed)
          .innerJoin(
            review,
            and(eq(review.topicId, processed.topicId), step(review, "flashcard_reviewed")),
          )
          .where(theirs(processed, "capture_processed")),
      ),
    ),
  ]);
  return { registered, captured, processed: processedUsers, reviewed };
}

/** Captures created in the range, and of them those processed and reviewed by the end of `to`. */
export async function captureFunnel(
  db: DbOrTx<AnalyticsSchema>,
  range: DayRange,
): Promise<CaptureFunnelCounts> {
  const step = stepsBy(range);
  const ofCapture = and(
    eq(processed.captureId, created.captureId),
    step(processed, "capture_processed"),
  );
  const count = async (condition?: SQL) =>
    (
      await db
        .select({ n: countAll() })
        .from(created)
        .where(
          and(eq(created.kind, "capture_created"), onDays(created.occurredAt, range), condition),
        )
    )[0]?.n ?? 0;
  const [total, processedCaptures, reviewed] = await Promise.all([
    count(),
    count(exists(db.select().from(processed).where(ofCapture))),
    count(
      exists(
        db
          .select()
          .from(processed)
          .innerJoin(
            review,
            and(eq(review.topicId, processed.topicId), step(review, "flashcard_reviewed")),
          )
          .where(ofCapture),
      ),
    ),
  ]);
  return { created: total, processed: processedCaptures, reviewed };
}

/** A fact of the kind that happened by the end of the range's last day. */
function stepsBy(range: DayRange) {
  return (table: FactColumns, kind: FactKind) =>
    and(eq(table.kind, kind), byEndOf(table.occurredAt, range.to, range.timeZone));
}
