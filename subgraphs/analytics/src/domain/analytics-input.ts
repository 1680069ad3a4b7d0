import { parseInput } from "@kai/service";
import { isTimeZone } from "@kai/time";
import { z } from "zod";
import { daysBetween } from "./days.ts";

/** The longest range one request may count or list: a year and a leap day. */
export const MAX_RANGE_DAYS = 366;
/** The most weekly cohorts one retention request may ask for: half a year. */
export const MAX_COHORT_WEEKS = 26;

const timeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA time zone such as UTC or Europe/Paris")
  // Postgres and Intl spell zones alike once canonical ("utc" → "UTC").
  .transform(
    (zone) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone,
  );

const rangeInput = z
  .object({
    from: z.iso.date("must be a date written YYYY-MM-DD"),
    to: z.iso.date("must be a date written YYYY-MM-DD"),
    timeZone,
  })
  .refine(({ from, to }) => from <= to, { message: "must not be after `to`", path: ["from"] })
  .refine(({ from, to }) => daysBetween(from, to) <= MAX_RANGE_DAYS, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });

const retentionInput = z.object({
  cohortWeeks: z
    .number()
    .int()
    .min(1, `must be between 1 and ${MAX_COHORT_WEEKS}`)
    .max(MAX_COHORT_WEEKS, `must be between 1 and ${MAX_COHORT_WEEKS}`),
  timeZone,
});

/** Days `from` to `to` (both included) counted in `timeZone`. */
export type DayRange = z.infer<typeof rangeInput>;
export type RetentionQuery = z.infer<typeof retentionInput>;

/** A range argument set, or BAD_USER_INPUT naming what is wrong with it. */
export const parseRange = (args: unknown): DayRange => parseInput(rangeInput, args);

export const parseRetention = (args: unknown): RetentionQuery => parseInput(retentionInput, args);
