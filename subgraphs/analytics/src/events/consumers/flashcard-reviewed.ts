import type { ConsumerSpec } from "@kai/runtime";
import { insertFact } from "../../db/facts.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/** Reviews per day, and the funnel's last step through the reviewed card's topic. */
export function flashcardReviewedConsumer(): ConsumerSpec<
  AnalyticsSchema,
  "learning.flashcard_reviewed"
> {
  return {
    durable: "analytics-flashcard-reviewed",
    type: "learning.flashcard_reviewed",
    handle: (tx, event) =>
      insertFact(tx, event, { kind: "flashcard_reviewed", topicId: event.data.topicId }),
  };
}
