import { z } from "zod";
import type { MailHeaders } from "./tables.ts";

/** RFC 5322 field names: printable ASCII but the colon. */
const FIELD_NAME = /^[!-9;-~]+$/;
/** One unfolded line of printable ASCII: no CR or LF can smuggle in another header. */
const FIELD_VALUE = /^[ -~]*$/;
/** Well under the 998 characters a line may hold, so the header goes out unfolded. */
const MAX_VALUE_LENGTH = 900;

/** The header fields the relay writes itself; a mail may not replace them. */
const RESERVED = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
]);

/**
 * Extra header fields of a mail as the outbox stores them. The relay emits them as they are
 * (nodemailer's `prepared` values), which is safe only because this check ran first.
 */
export const mailHeadersSchema: z.ZodType<MailHeaders> = z.record(
  z
    .string()
    .regex(FIELD_NAME, "not a header field name")
    .refine((name) => !RESERVED.has(name.toLowerCase()), "is set by the relay"),
  z.string().regex(FIELD_VALUE, "must be one line of printable ASCII").max(MAX_VALUE_LENGTH),
);
