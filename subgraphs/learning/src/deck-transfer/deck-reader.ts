import type { UploadRecord } from "@kai/blob";
import { readApkg } from "./apkg-format.ts";
import { readCsv } from "./csv-format.ts";
import type { ParsedDeck } from "./deck-card.ts";
import { DeckFileError } from "./deck-file-error.ts";
import type { DeckFormat } from "./import-job.ts";

/** The upload content type each import format must have arrived as. */
const UPLOAD_TYPE: Record<DeckFormat, string> = { CSV: "text/csv", APKG: "application/zip" };

export interface ReadLimits {
  maxBytes: number;
  maxCards: number;
}

/** An upload's cards, or a DeckFileError saying why the file as a whole cannot be imported. */
export async function readDeck(
  upload: { bytes: Uint8Array; record: UploadRecord },
  format: DeckFormat,
  limits: ReadLimits,
  now: Date,
): Promise<ParsedDeck> {
  if (upload.record.contentType !== UPLOAD_TYPE[format])
    throw new DeckFileError(`A ${format} import needs an upload of type ${UPLOAD_TYPE[format]}`);
  if (upload.bytes.length > limits.maxBytes)
    throw new DeckFileError(`The deck file is larger than ${limits.maxBytes} bytes`);
  const deck =
    format === "CSV"
      ? readCsv(upload.bytes)
      : await readApkg(
          upload.bytes,
          { maxCollectionBytes: limits.maxBytes * 4, maxCards: limits.maxCards },
          now,
        );
  if (deck.cards.length > limits.maxCards)
    throw new DeckFileError(`The deck has more than ${limits.maxCards} cards`);
  return deck;
}
