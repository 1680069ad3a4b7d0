import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import {
  type CardSchedule,
  cardProblem,
  type DeckCard,
  PATH_SEPARATOR,
  type ParsedDeck,
  splitPath,
} from "./deck-card.ts";
import type { ImportRowError } from "./import-job.ts";

/** Kai's CSV columns, in order. Only front and back are required; a header row is optional. */
export const CSV_COLUMNS = [
  "front",
  "back",
  "deck",
  "repetitions",
  "interval",
  "easeFactor",
  "nextReview",
  "lastReviewedAt",
  "stability",
  "difficulty",
] as const;

const DAY_MS = 86_400_000;

/** The deck as RFC 4180 CSV (CRLF line ends, quoted where needed), with a header row. */
export function writeCsv(cards: readonly DeckCard[]): Uint8Array {
  const rows = cards.map((card) => [
    card.front,
    card.back,
    card.path.join(PATH_SEPARATOR),
    card.schedule?.repetitions ?? "",
    card.schedule?.interval ?? "",
    card.schedule?.easeFactor ?? "",
    card.schedule?.nextReview.toISOString() ?? "",
    card.schedule?.lastReviewedAt.toISOString() ?? "",
    card.schedule?.fsrs?.stability ?? "",
    card.schedule?.fsrs?.difficulty ?? "",
  ]);
  return new TextEncoder().encode(
    stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: "\r\n" }),
  );
}

const count = z.coerce.number().int().min(0).max(36_500);
const schedule = z
  .object({
    repetitions: count,
    interval: count,
    easeFactor: z.coerce.number().min(1.3).max(10),
    nextReview: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
    lastReviewedAt: z.iso
      .datetime({ offset: true })
      .transform((text) => new Date(text))
      .optional(),
    stability: z.coerce.number().gt(0).max(36_500).optional(),
    difficulty: z.coerce.number().min(1).max(10).optional(),
  })
  .refine((s) => (s.stability === undefined) === (s.difficulty === undefined), {
    path: ["stability"],
    message: "stability and difficulty come together",
  })
  .transform(
    ({ stability, difficulty, ...s }): CardSchedule => ({
      ...s,
      // A file without it: the review that set this interval, counted back from the next.
      lastReviewedAt: s.lastReviewedAt ?? new Date(s.nextReview.getTime() - s.interval * DAY_MS),
      ...(stability !== undefined &&
        difficulty !== undefined && { fsrs: { stability, difficulty } }),
    }),
  );

const isHeader = (record: string[]) =>
  record[0]?.trim().toLowerCase() === "front" && record[1]?.trim().toLowerCase() === "back";

/** The schedule in cells 3–7, null when they are all empty, or why they are not one. */
function scheduleOf(cells: string[]): CardSchedule | null | string {
  const [repetitions, interval, easeFactor, nextReview, lastReviewedAt, stability, difficulty] =
    cells.map((c) => c.trim());
  if (![repetitions, interval, easeFactor, nextReview].some(Boolean)) return null;
  const parsed = schedule.safeParse({
    repetitions,
    interval,
    easeFactor,
    nextReview,
    lastReviewedAt: lastReviewedAt || undefined,
    stability: stability || undefined,
    difficulty: difficulty || undefined,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${String(issue?.path[0] ?? "schedule")}: ${issue?.message ?? "is not valid"}`;
}

function cardOf(record: string[], row: number): DeckCard | ImportRowError {
  if (record.length < 2) return { row, message: "a row needs at least a front and a back" };
  const [front = "", back = "", deck = "", ...rest] = record;
  const card = { row, path: splitPath(deck), front: front.trim(), back: back.trim() };
  const problem = cardProblem(card);
  if (problem) return { row, message: problem };
  const scheduled = scheduleOf(rest);
  if (typeof scheduled === "string") return { row, message: scheduled };
  return { ...card, schedule: scheduled };
}

/**
 * The cards of a CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes,
 * an optional UTF-8 BOM and header row). Rows are numbered from 1 as records, header included;
 * a row that is not a card is reported with its number and parsing goes on.
 */
export function readCsv(bytes: Uint8Array): ParsedDeck {
  const errors: ImportRowError[] = [];
  // csv-parse's types do not model `info: true`, which wraps each record with its position.
  const records = parse(new TextDecoder().decode(bytes), {
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) errors.push({ row: Number(error.records ?? 0) + 1, message: error.message });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { records: number } }[];
  const cards: DeckCard[] = [];
  for (const [index, { record, info }] of records.entries()) {
    if (index === 0 && isHeader(record)) continue;
    const card = cardOf(record, info.records);
    if ("message" in card) errors.push(card);
    else cards.push(card);
  }
  errors.sort((a, b) => a.row - b.row);
  return { cards, errors };
}
