import { requireSelfOrAdmin } from "@kai/service";
import type { UserResolvers } from "../generated/graphql.ts";

export const User: UserResolvers = {
  // Users owns whether a user exists; the fields below look up what notifications holds.
  __resolveReference: (reference) => reference,
  unreadNotificationCount: async (user, _, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return (await ctx.loaders.unreadCount.load(user.id))?.unread ?? 0;
  },
};
