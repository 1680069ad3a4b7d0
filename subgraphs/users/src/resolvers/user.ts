import { requireSelfOrAdmin } from "@kai/service";
import type { UserResolvers } from "../generated/graphql.ts";
import { isSignedIn } from "../sessions/signed-in.ts";
import { sessions } from "./user-sessions.ts";

export const User: UserResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.userById.load(reference.id),
  email: (user, _, ctx) => {
    if (!isSignedIn(user)) requireSelfOrAdmin(ctx, user.id);
    return user.email;
  },
  sessions,
};
