import type { EventData } from "@kai/events";
import { parseInput } from "@kai/service";
import { z } from "zod";
import type { ImportJobRow } from "../../db/schema.ts";
import type { ImportJobResolvers } from "../../generated/graphql.ts";

/**
 * An import job as the API shows it: what `learning.import_job_updated` carries, so a query's
 * row and a subscription's event resolve through the same fields.
 */
export type ImportJobView = EventData<"learning.import_job_updated">;

export const importJobView = (job: ImportJobRow): ImportJobView => ({
  id: job.id,
  format: job.format,
  status: job.status,
  total: job.total,
  done: job.done,
  errorCount: job.errorCount,
  errors: job.errors,
  failureReason: job.failureReason,
  topicId: job.topicId,
  createdAt: job.createdAt.toISOString(),
  updatedAt: job.updatedAt.toISOString(),
});

const errorsArgs = z.object({ first: z.number().int().min(1).max(100) });

export const ImportJob: ImportJobResolvers = {
  errors(job, args) {
    const { first } = parseInput(errorsArgs, { first: args.first ?? 100 });
    return job.errors.slice(0, first);
  },
  async topic(job, _, ctx) {
    return job.topicId ? ctx.loaders.topicById.load(job.topicId) : null;
  },
};
