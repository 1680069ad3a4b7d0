import { parseInput, requireViewer } from "@kai/service";
import { markRead } from "../db/notifications.repo.ts";
import { markReadInput } from "../domain/preferences-input.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const markNotificationsRead: MutationResolvers["markNotificationsRead"] = (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { ids } = parseInput(markReadInput, args);
  return markRead(ctx.db, viewer.id, ids, ctx.now());
};

export const markAllNotificationsRead: MutationResolvers["markAllNotificationsRead"] = (
  _,
  __,
  ctx,
) => markRead(ctx.db, requireViewer(ctx).id, "all", ctx.now());
