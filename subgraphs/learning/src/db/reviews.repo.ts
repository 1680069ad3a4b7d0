import type { DbOrTx } from "@kai/db";
import { reviews } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type NewReview = typeof reviews.$inferInsert;

export async function insertReview(db: DbOrTx<LearningSchema>, review: NewReview): Promise<void> {
  await db.insert(reviews).values(review);
}
