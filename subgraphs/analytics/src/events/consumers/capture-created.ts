import type { ConsumerSpec } from "@kai/runtime";
import { insertFact } from "../../db/facts.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/** The funnel's "captured" step, and an action that makes its user active that day. */
export function captureCreatedConsumer(): ConsumerSpec<
  AnalyticsSchema,
  "captures.capture_created"
> {
  return {
    durable: "analytics-capture-created",
    type: "captures.capture_created",
    handle: (tx, event) =>
      insertFact(tx, event, { kind: "capture_created", captureId: event.data.captureId }),
  };
}
