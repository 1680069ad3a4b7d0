import type { EventData } from "@kai/events";

export const CAPTURE_TYPES = ["TEXT", "URL", "SCREENSHOT", "VIDEO"] as const;
export const CAPTURE_STATUSES = ["PENDING", "PROCESSED", "FAILED"] as const;

export type CaptureType = (typeof CAPTURE_TYPES)[number];
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

type Processed = EventData<"learning.capture_processed">;

/**
 * What Kai learned about a capture: `wordCount` when it is created; the rest once learning has
 * processed it (learning.capture_processed). Open-ended, so it is stored as JSON, and every
 * key written to it is declared here.
 */
export interface CaptureMetadata {
  wordCount?: number;
  topicId?: Processed["topicId"];
  flashcardCount?: Processed["flashcardCount"];
  /** What made the cards; absent for captures processed before generators were told apart. */
  generator?: NonNullable<Processed["generator"]>;
  /** Something the owner should know about how the capture was handled, e.g. a spent AI budget. */
  note?: string;
}
