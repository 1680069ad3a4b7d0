import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

export const vapidPublicKey: QueryResolvers["vapidPublicKey"] = (_, __, ctx) => {
  requireViewer(ctx);
  return ctx.vapidPublicKey;
};
