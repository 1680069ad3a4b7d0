/** The deck file formats Kai reads and writes. */
export const DECK_FORMATS = ["APKG", "CSV"] as const;
export type DeckFormat = (typeof DECK_FORMATS)[number];

/** QUEUED until the consumer picks it up; RUNNING while batches commit; then one of the ends. */
export const IMPORT_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A row that could not be imported: its 1-based row (record) number and why. */
export interface ImportRowError {
  row: number;
  message: string;
}

/** Errors kept with a job; the rest are only counted, so a broken file cannot bloat the row. */
export const MAX_REPORTED_ERRORS = 100;

/** Cards committed (and progress announced) per transaction. */
export const IMPORT_BATCH_SIZE = 500;

/** Appends `more` to `kept` up to MAX_REPORTED_ERRORS. */
export const keepErrors = (kept: readonly ImportRowError[], more: readonly ImportRowError[]) =>
  [...kept, ...more].slice(0, MAX_REPORTED_ERRORS);
