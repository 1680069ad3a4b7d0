import type { ConsumerSpec } from "@kai/runtime";
import { insertFact } from "../../db/facts.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/**
 * Captures processed (or failed), the topic their cards went to (the funnel follows reviews
 * of those cards) and what the model calls behind them cost.
 */
export function captureProcessedConsumer(): ConsumerSpec<
  AnalyticsSchema,
  "learning.capture_processed"
> {
  return {
    durable: "analytics-capture-processed",
    type: "learning.capture_processed",
    handle: (tx, event) =>
      insertFact(tx, event, {
        kind: event.data.status === "PROCESSED" ? "capture_processed" : "capture_failed",
        captureId: event.data.captureId,
        topicId: event.data.topicId,
        aiCost: event.data.aiCost ?? 0,
      }),
  };
}
