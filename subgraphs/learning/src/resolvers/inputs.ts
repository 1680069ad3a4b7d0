import { z } from "zod";

/** How many due cards one request may ask for. */
export const dueLimit = z.object({
  limit: z.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100"),
});

export const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
