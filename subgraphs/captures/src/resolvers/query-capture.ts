import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { CapturesContext } from "../context.ts";

export async function capture(_: unknown, args: { id: string }, ctx: CapturesContext) {
  requireViewer(ctx);
  const found = await ctx.loaders.captureById.load(args.id);
  if (!found) throw notFound("Capture", args.id);
  return found;
}
