import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { recordProcessingResult } from "../../db/captures.repo.ts";
import type { CapturesSchema } from "../../db/tables.ts";

/** Learning's verdict on a capture becomes its status, failure reason and metadata. */
export function captureProcessed(
  log: Logger,
): ConsumerSpec<CapturesSchema, "learning.capture_processed"> {
  return {
    durable: "captures-status-from-learning",
    type: "learning.capture_processed",
    async handle(tx, event) {
      const matched = await recordProcessingResult(tx, event.userId, event.data);
      // A capture deleted meanwhile, or an event naming another user's: nothing to record.
      if (!matched)
        log.warn({ eventId: event.id, captureId: event.data.captureId }, "unknown capture ignored");
    },
  };
}
