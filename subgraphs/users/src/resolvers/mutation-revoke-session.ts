import { isUuid } from "@kai/db";
import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import { endSessions, findOwnSession } from "../db/sessions.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const revokeSession: MutationResolvers["revokeSession"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  return ctx.db.transaction(async (tx) => {
    // Another user's session is looked up like a missing one: the same NOT_FOUND.
    const session = isUuid(args.id) ? await findOwnSession(tx, viewer.id, args.id) : undefined;
    if (!session) throw notFound("Session", args.id);
    const ended = await endSessions(tx, viewer.id, { only: session.id });
    return ended.length > 0;
  });
};
