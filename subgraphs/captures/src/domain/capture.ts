export const CAPTURE_TYPES = ["TEXT", "URL", "SCREENSHOT", "VIDEO"] as const;
export const CAPTURE_STATUSES = ["PENDING", "PROCESSED", "FAILED"] as const;

export type CaptureType = (typeof CAPTURE_TYPES)[number];
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

/**
 * What Kai learned about a capture: `wordCount` when it is created, `topicId` and
 * `flashcardCount` once learning has processed it. Open-ended, so it is stored as JSON.
 */
export interface CaptureMetadata {
  wordCount?: number;
  topicId?: string | null;
  flashcardCount?: number;
}
