import { UPLOAD_TYPES } from "@kai/blob";
import { z } from "zod";

/** The upload a client announces; `maxBytes` is UPLOAD_MAX_BYTES. */
export const createUploadUrlInput = (maxBytes: number) =>
  z.object({
    contentType: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(UPLOAD_TYPES, `must be one of ${UPLOAD_TYPES.join(", ")}`)),
    size: z
      .number()
      .int()
      .min(1, `must be between 1 and ${maxBytes} bytes`)
      .max(maxBytes, `must be between 1 and ${maxBytes} bytes`),
  });
