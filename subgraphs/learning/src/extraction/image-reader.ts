import type { ImageType } from "@kai/blob";

export interface CaptureImage {
  bytes: Uint8Array;
  type: ImageType;
  /** Whose model budget and ledger a recognition counts against, and for which capture. */
  ownerId: string;
  captureId: string;
}

/** Reads the text in an image (OCR). Resolves to "" when it finds none. */
export interface ImageReader {
  readonly name: string;
  read(image: CaptureImage): Promise<string>;
}
