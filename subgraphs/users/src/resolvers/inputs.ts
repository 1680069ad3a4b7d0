import { isTimeZone } from "@kai/time";
import { z } from "zod";

/** Emails are compared lower-cased and trimmed, as people type them in many ways. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be a valid email address"));

export const displayName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

export const timeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris");
