import { badUserInput } from "@kai/errors";
import type { z } from "zod";

/**
 * Validates resolver input beyond what the SDL can say (lengths, formats, ranges). The
 * first problem becomes a BAD_USER_INPUT error naming the offending field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw badUserInput(
    field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid input"),
    field,
  );
}
