import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../../generated/graphql.ts";
import { findImportJobsByIds } from "../import-jobs.repo.ts";
import { importJobView } from "./import-job.ts";

export const importJob: QueryResolvers["importJob"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const [job] = await findImportJobsByIds(ctx.db, [args.id], viewer.id);
  return job ? importJobView(job) : null;
};
