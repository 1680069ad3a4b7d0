import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { UsersContext } from "../context.ts";

export async function me(_: unknown, __: unknown, ctx: UsersContext) {
  const viewer = requireViewer(ctx);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound("User", viewer.id);
  return user;
}
