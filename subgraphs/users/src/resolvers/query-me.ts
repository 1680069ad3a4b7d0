import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

export const me: QueryResolvers["me"] = async (_, __, ctx) => {
  const viewer = requireViewer(ctx);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound("User", viewer.id);
  return user;
};
