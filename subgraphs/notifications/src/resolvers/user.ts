import { notFound } from "@kai/errors";
import { requireSelfOrAdmin } from "@kai/service";
import type { UserResolvers } from "../generated/graphql.ts";
import { loadInboxPage } from "./notification-connection.ts";

export const User: UserResolvers = {
  // Users owns whether a user exists; the fields below look up what notifications holds.
  __resolveReference: (reference) => reference,
  notifications: (user, args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return loadInboxPage(ctx, user.id, args);
  },
  unreadNotificationCount: async (user, _, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return (await ctx.loaders.unreadCount.load(user.id))?.unread ?? 0;
  },
  notificationPreferences: async (user, _, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    const found = await ctx.loaders.preferences.load(user.id);
    // Only an id that is no user id at all (an admin asking about "x") has none.
    if (!found) throw notFound("User", user.id);
    return found;
  },
};
