import { parseInput, requireViewer } from "@kai/service";
import type { LearningContext } from "../context.ts";
import { dueLimit } from "./inputs.ts";

export function dueFlashcards(_: unknown, args: { limit: number }, ctx: LearningContext) {
  const viewer = requireViewer(ctx);
  const { limit } = parseInput(dueLimit, args);
  return ctx.loaders.dueFlashcardsByOwnerId(limit).load(viewer.id);
}
