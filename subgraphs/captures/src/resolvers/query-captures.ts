import { requireViewer } from "@kai/service";
import type { CapturesContext } from "../context.ts";
import { loadCapturePage } from "./capture-connection.ts";

/** The caller's own captures, admins included: others' are read through `User.captures`. */
export function captures(_: unknown, args: unknown, ctx: CapturesContext) {
  return loadCapturePage(ctx, requireViewer(ctx).id, args);
}
