import type { ConsumerSpec } from "@kai/runtime";
import { insertFact } from "../../db/facts.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/** Topics completed per day, and an action that makes its user active that day. */
export function topicCompletedConsumer(): ConsumerSpec<
  AnalyticsSchema,
  "learning.topic_completed"
> {
  return {
    durable: "analytics-topic-completed",
    type: "learning.topic_completed",
    handle: (tx, event) =>
      insertFact(tx, event, { kind: "topic_completed", topicId: event.data.topicId }),
  };
}
