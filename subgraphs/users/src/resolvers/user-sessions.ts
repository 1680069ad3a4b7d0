import { requireSelfOrAdmin } from "@kai/service";
import { activeSessions } from "../db/sessions.repo.ts";
import type { UserResolvers } from "../generated/graphql.ts";
import { isSignedIn } from "../sessions/signed-in.ts";

/** Private: a user's devices are theirs (and an admin's, for support) to see. */
export const sessions: UserResolvers["sessions"] = (user, _, ctx) => {
  if (!isSignedIn(user)) requireSelfOrAdmin(ctx, user.id);
  return activeSessions(ctx.db, user.id);
};
