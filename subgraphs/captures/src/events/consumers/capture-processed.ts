import { enqueueEvent } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { recordProcessingResult } from "../../db/captures.repo.ts";
import type { CapturesSchema } from "../../db/tables.ts";
import { processedCaptureEvent } from "../../domain/capture-event.ts";

/**
 * Learning's verdict on a capture becomes its status, failure reason, extracted text and
 * metadata; `captures.capture_processed` then tells the owner's `captureProcessed` subscribers.
 */
export function captureProcessed(
  log: Logger,
): ConsumerSpec<CapturesSchema, "learning.capture_processed"> {
  return {
    durable: "captures-status-from-learning",
    type: "learning.capture_processed",
    async handle(tx, event) {
      const capture = await recordProcessingResult(tx, event.userId, event.data);
      // A capture deleted meanwhile, or an event naming another user's: nothing to record.
      if (!capture) {
        log.warn({ eventId: event.id, captureId: event.data.captureId }, "unknown capture ignored");
        return;
      }
      await enqueueEvent(
        tx,
        "captures.capture_processed",
        event.userId,
        processedCaptureEvent(capture),
      );
    },
  };
}
