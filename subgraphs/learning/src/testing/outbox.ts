import type { Db } from "@kai/db";
import { count, sql } from "drizzle-orm";
import { outbox } from "../db/schema.ts";
import type { LearningSchema } from "../db/tables.ts";

/** Events of `type` whose `data[key]` is `value` that were ever enqueued (published or not). */
export async function countOutboxEvents(
  db: Db<LearningSchema>,
  type: string,
  key: string,
  value: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outbox)
    .where(
      sql`${outbox.payload}->>'type' = ${type} and ${outbox.payload}->'data'->>${key} = ${value}`,
    );
  return row?.n ?? 0;
}
