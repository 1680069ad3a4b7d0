import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

export const topics: QueryResolvers["topics"] = (_, __, ctx) => {
  return ctx.loaders.topicsByOwnerId.load(requireViewer(ctx).id);
};
