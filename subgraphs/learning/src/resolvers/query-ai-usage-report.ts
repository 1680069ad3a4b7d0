import { forbidden } from "@kai/errors";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { usagePerDayAndModel } from "../db/ai-calls.repo.ts";
import { startOfUtcDay } from "../domain/usage-period.ts";
import type { QueryResolvers } from "../generated/graphql.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const reportInput = z.object({
  days: z.number().int().min(1, "must be between 1 and 366").max(366, "must be between 1 and 366"),
});

/** Every user's AI calls per model and day: for analysts, so admins only. */
export const aiUsageReport: QueryResolvers["aiUsageReport"] = (_, args, ctx) => {
  if (requireViewer(ctx).role !== "ADMIN")
    throw forbidden("Only an admin may see the AI usage report");
  const { days } = parseInput(reportInput, args);
  const since = new Date(startOfUtcDay(new Date()).getTime() - (days - 1) * DAY_MS);
  return usagePerDayAndModel(ctx.db, since);
};
