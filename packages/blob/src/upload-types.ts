import { IMAGE_TYPES, sniffImageType } from "./image-type.ts";

/** Deck files (learning's importDeck): CSV text, or an Anki .apkg (a zip). */
export const DECK_TYPES = ["text/csv", "application/zip"] as const;

/** Every media type an upload URL may be asked for. */
export const UPLOAD_TYPES = [...IMAGE_TYPES, ...DECK_TYPES] as const;

export type UploadType = (typeof UPLOAD_TYPES)[number];

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** UTF-8 text without NUL bytes: what a CSV file is, as far as bytes can tell. */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether the bytes are what `type` claims, by their content rather than a header. */
export function bytesMatchType(bytes: Uint8Array, type: string): boolean {
  if (type === "application/zip") return ZIP.every((byte, index) => bytes[index] === byte);
  if (type === "text/csv") return isText(bytes);
  return sniffImageType(bytes) === type;
}
