import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

export const capture: QueryResolvers["capture"] = async (_, args, ctx) => {
  requireViewer(ctx);
  const found = await ctx.loaders.captureById.load(args.id);
  if (!found) throw notFound("Capture", args.id);
  return found;
};
