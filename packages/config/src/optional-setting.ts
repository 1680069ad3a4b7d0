import { z } from "zod";

/**
 * A setting that may be left out. An unset variable often arrives as "" (`SMTP_URL=` in a .env
 * file, as `.env.example` leaves them), which means "not configured", not an invalid value.
 */
export const optionalSetting = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
