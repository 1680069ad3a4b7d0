import { isUuid } from "@kai/db";
import { z } from "zod";

/** How many due cards one request may ask for. */
export const dueLimit = z.object({
  limit: z.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100"),
});

export const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const MAX_PAGE_SIZE = 100;
const PAGE_SIZE = `must be between 1 and ${MAX_PAGE_SIZE}`;
export const NOT_IN_LIST = "is not the id of an item in this list";

/**
 * A page of one of the oldest-first lists. The SDL's default fills an omitted `first`, but an
 * explicit `first: null` passes the SDL, so it is refused here like any other bad size.
 */
export const listPage = z.object({
  first: z
    .number({ error: PAGE_SIZE })
    .int(PAGE_SIZE)
    .min(1, PAGE_SIZE)
    .max(MAX_PAGE_SIZE, PAGE_SIZE),
  after: z
    .string()
    .refine(isUuid, NOT_IN_LIST)
    .nullish()
    .transform((id) => id ?? undefined),
});
