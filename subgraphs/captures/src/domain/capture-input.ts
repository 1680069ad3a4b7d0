import { decodeCursor, decodeOffsetCursor } from "@kai/db";
import { z } from "zod";
import { CAPTURE_STATUSES, CAPTURE_TYPES } from "./capture.ts";

export const MAX_CONTENT_LENGTH = 20_000;
export const MAX_SOURCE_LENGTH = 2_048;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_PAGE_SIZE = 100;
export const MAX_QUERY_LENGTH = 200;

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

const source = z
  .string()
  .trim()
  .max(MAX_SOURCE_LENGTH, `must be at most ${MAX_SOURCE_LENGTH} characters`)
  .nullish()
  // A blank source says as much as none.
  .transform((source) => source || null);

const tagList = z.array(tag).max(MAX_TAGS, `must be at most ${MAX_TAGS} tags`);

/** What is wrong with a capture's source for its type: a URL capture's is the address Kai fetches. */
export function sourceProblem(type: string, value: string | null): string | undefined {
  if (type !== "URL") return undefined;
  if (!value) return "is required for a URL capture";
  if (!isHttpUrl(value)) return "must be an http(s) URL";
  return undefined;
}

export const createCaptureInput = z
  .object({
    type: z.enum(CAPTURE_TYPES),
    content: z
      .string()
      .trim()
      .max(MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`)
      .nullish()
      .transform((content) => content ?? ""),
    source,
    tags: tagList.nullish().transform((tags) => [...new Set(tags ?? [])]),
    uploadId: z.uuid("is not an upload id").nullish().transform(absentAsUndefined),
  })
  .superRefine((input, ctx) => {
    const problem = sourceProblem(input.type, input.source);
    if (problem) ctx.addIssue({ code: "custom", path: ["source"], message: problem });
    if (input.uploadId && input.type !== "SCREENSHOT")
      ctx.addIssue({ code: "custom", path: ["uploadId"], message: "only a SCREENSHOT takes one" });
    if (!input.uploadId && input.content === "")
      ctx.addIssue({ code: "custom", path: ["content"], message: "must not be empty" });
  });

export type CreateCaptureInput = z.infer<typeof createCaptureInput>;

/** Only the fields given change; `source: null` clears it. */
export const updateCaptureInput = z.object({
  id: z.string(),
  tags: tagList.nullish().transform((tags) => (tags == null ? undefined : [...new Set(tags)])),
  source: z.union([z.undefined(), source]),
});

export type UpdateCaptureInput = z.infer<typeof updateCaptureInput>;

const filterFields = z.object({
  type: z.enum(CAPTURE_TYPES).nullish().transform(absentAsUndefined),
  status: z.enum(CAPTURE_STATUSES).nullish().transform(absentAsUndefined),
  tag: tag.nullish().transform(absentAsUndefined),
  query: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .nullish()
    .transform(absentAsUndefined),
});

export type CaptureFilter = Partial<z.infer<typeof filterFields>>;

export const captureFilter = filterFields
  .nullish()
  .transform((filter): CaptureFilter => filter ?? {});

const notACursor = (ctx: z.RefinementCtx) =>
  ctx.addIssue({ code: "custom", path: ["after"], message: "is not a cursor of this connection" });

/**
 * A list's cursor: newest-first pages continue after a (createdAt, id) keyset; ranked search
 * pages after a count of best matches, as ranks are not stable enough to key on.
 */
export const pageArgs = z
  .object({
    first: z
      .number()
      .int()
      .min(1, `must be between 1 and ${MAX_PAGE_SIZE}`)
      .max(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`),
    after: z.string().nullish(),
    filter: captureFilter,
  })
  .transform(({ first, after, filter }, ctx) => {
    if (after == null) return { first, after: undefined, skip: 0, filter };
    if (filter.query) {
      const skip = decodeOffsetCursor(after);
      if (skip === undefined) {
        notACursor(ctx);
        return z.NEVER;
      }
      return { first, after: undefined, skip, filter };
    }
    const position = decodeCursor(after);
    if (!position) {
      notACursor(ctx);
      return z.NEVER;
    }
    return { first, after: position, skip: 0, filter };
  });

export type PageArgs = z.infer<typeof pageArgs>;
