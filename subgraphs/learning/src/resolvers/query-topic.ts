import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

export const topic: QueryResolvers["topic"] = async (_, args, ctx) => {
  requireViewer(ctx);
  const row = await ctx.loaders.topicById.load(args.id);
  if (!row) throw notFound("Topic", args.id);
  return row;
};
