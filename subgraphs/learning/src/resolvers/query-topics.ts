import { requireViewer } from "@kai/service";
import type { LearningContext } from "../context.ts";

export function topics(_: unknown, __: unknown, ctx: LearningContext) {
  return ctx.loaders.topicsByOwnerId.load(requireViewer(ctx).id);
}
