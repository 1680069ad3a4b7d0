import { badUserInput, forbidden, notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import { updateRole } from "../db/users.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

/**
 * Admins only, by their token and by the database: an admin demoted a minute ago still holds
 * an ADMIN token until it expires, and must not use it to hand out roles. The change shows in
 * the user's next token (refreshToken reads the role anew); the tokens they hold keep theirs
 * until they expire. An admin cannot change their own role, so the last admin cannot lock
 * everyone out by mistake: another admin does it.
 */
export const setUserRole: MutationResolvers["setUserRole"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const caller = viewer.role === "ADMIN" ? await ctx.loaders.userById.load(viewer.id) : undefined;
  if (caller?.role !== "ADMIN") throw forbidden("Only an admin can change roles");
  if (args.userId === viewer.id) {
    throw badUserInput("Admins cannot change their own role: ask another admin", "userId");
  }
  const updated = await updateRole(ctx.db, args.userId, args.role);
  if (!updated) throw notFound("User", args.userId);
  ctx.log.info({ userId: updated.id, role: updated.role, by: viewer.id }, "role changed");
  return updated;
};
