import { requireSelfOrAdmin } from "@kai/service";
import type { UserResolvers } from "../generated/graphql.ts";
import { loadCapturePage } from "./capture-connection.ts";

export const User: UserResolvers = {
  captures: (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return loadCapturePage(ctx, user.id, args);
  },
};
