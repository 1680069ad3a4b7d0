/**
 * An upload's life: PENDING until its one PUT starts; RECEIVING while that PUT stores the
 * bytes (so a second PUT is refused, not raced); UPLOADED once they are stored; ATTACHED once
 * a capture holds it.
 */
export const UPLOAD_STATUSES = ["PENDING", "RECEIVING", "UPLOADED", "ATTACHED"] as const;

export type UploadStatus = (typeof UPLOAD_STATUSES)[number];
