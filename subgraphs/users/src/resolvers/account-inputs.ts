import { z } from "zod";

/** A token from a mailed link. Bounded, so a garbage megabyte is refused before hashing. */
export const accountToken = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(512, "is not a token from a Kai mail");

/** One answer for a token that never existed, was used or ran out: each means "ask again". */
export const INVALID_LINK = "This link is invalid, used or expired: ask for a new one";
