import type { ConsumerSpec } from "@kai/runtime";
import type { NotificationsSchema } from "../../db/tables.ts";
import { notify } from "../../notify/notify.ts";

/** Tells the owner their capture became flashcards (or why it could not). */
export function captureProcessedConsumer(): ConsumerSpec<
  NotificationsSchema,
  "learning.capture_processed"
> {
  return {
    durable: "notifications-capture-processed",
    type: "learning.capture_processed",
    handle: async (tx, { userId, data, occurredAt }) => {
      const processed = data.status === "PROCESSED";
      await notify(
        tx,
        {
          userId,
          kind: "CAPTURE_PROCESSED",
          cause: `capture-processed:${data.captureId}`,
          title: processed ? "Your flashcards are ready" : "We could not use your capture",
          body: processed
            ? `${data.flashcardCount} new flashcards from your capture.`
            : (data.reason ?? "Processing failed."),
          data: {
            captureId: data.captureId,
            status: data.status,
            topicId: data.topicId,
            flashcardCount: data.flashcardCount,
          },
        },
        new Date(occurredAt),
      );
    },
  };
}
