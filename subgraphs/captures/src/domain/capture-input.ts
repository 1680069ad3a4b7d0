import { decodeCursor } from "@kai/db";
import { z } from "zod";
import { CAPTURE_STATUSES, CAPTURE_TYPES } from "./capture.ts";

export const MAX_CONTENT_LENGTH = 20_000;
export const MAX_SOURCE_LENGTH = 2_048;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_PAGE_SIZE = 100;

/** Tags are compared lower-cased and trimmed, so "AI " and "ai" are one tag. */
const tag = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_TAG_LENGTH, `must be at most ${MAX_TAG_LENGTH} characters`)
  .toLowerCase();

const absentAsUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

export const createCaptureInput = z
  .object({
    type: z.enum(CAPTURE_TYPES),
    content: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`),
    source: z
      .string()
      .trim()
      .max(MAX_SOURCE_LENGTH, `must be at most ${MAX_SOURCE_LENGTH} characters`)
      .nullish()
      // A blank source says as much as none.
      .transform((source) => source || null),
    tags: z
      .array(tag)
      .max(MAX_TAGS, `must be at most ${MAX_TAGS} tags`)
      .nullish()
      .transform((tags) => [...new Set(tags ?? [])]),
  })
  .superRefine((input, ctx) => {
    if (input.type !== "URL") return;
    if (!input.source)
      ctx.addIssue({ code: "custom", path: ["source"], message: "is required for a URL capture" });
    else if (!isHttpUrl(input.source))
      ctx.addIssue({ code: "custom", path: ["source"], message: "must be an http(s) URL" });
  });

export type CreateCaptureInput = z.infer<typeof createCaptureInput>;

const filterFields = z.object({
  type: z.enum(CAPTURE_TYPES).nullish().transform(absentAsUndefined),
  status: z.enum(CAPTURE_STATUSES).nullish().transform(absentAsUndefined),
  tag: tag.nullish().transform(absentAsUndefined),
});

export type CaptureFilter = Partial<z.infer<typeof filterFields>>;

export const captureFilter = filterFields
  .nullish()
  .transform((filter): CaptureFilter => filter ?? {});

export const pageArgs = z.object({
  first: z
    .number()
    .int()
    .min(1, `must be between 1 and ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`),
  after: z
    .string()
    .nullish()
    .transform((cursor, ctx) => {
      if (cursor == null) return undefined;
      const position = decodeCursor(cursor);
      if (!position) {
        ctx.addIssue({ code: "custom", message: "is not a cursor of this connection" });
        return z.NEVER;
      }
      return position;
    }),
  filter: captureFilter,
});

export type PageArgs = z.infer<typeof pageArgs>;
