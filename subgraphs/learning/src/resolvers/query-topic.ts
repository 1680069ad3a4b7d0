import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { LearningContext } from "../context.ts";

export async function topic(_: unknown, args: { id: string }, ctx: LearningContext) {
  requireViewer(ctx);
  const row = await ctx.loaders.topicById.load(args.id);
  if (!row) throw notFound("Topic", args.id);
  return row;
}
