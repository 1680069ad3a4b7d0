import type { EventData } from "@kai/events";
import type { CaptureRow } from "../db/schema.ts";

/** A capture as `captures.capture_processed` carries it: every field `Capture` resolves from. */
export function processedCaptureEvent(
  capture: CaptureRow,
): EventData<"captures.capture_processed"> {
  return {
    id: capture.id,
    ownerId: capture.ownerId,
    type: capture.type,
    content: capture.content,
    source: capture.source,
    status: capture.status,
    failureReason: capture.failureReason,
    title: capture.title,
    extractedText: capture.extractedText,
    uploadId: capture.uploadId,
    tags: capture.tags,
    metadata: { ...capture.metadata },
    createdAt: capture.createdAt.toISOString(),
    updatedAt: capture.updatedAt.toISOString(),
  };
}
