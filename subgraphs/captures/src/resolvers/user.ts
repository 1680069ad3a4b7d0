import { requireSelfOrAdmin } from "@kai/service";
import type { UserResolvers } from "../generated/graphql.ts";
import { capturePage } from "./capture-connection.ts";

export const User: UserResolvers = {
  captures: (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return capturePage(user.id, args);
  },
};
