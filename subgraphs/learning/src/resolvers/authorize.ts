import { forbidden } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { LearningContext } from "../context.ts";

/** A user's own study data is theirs (and admins') alone; asking about someone else's is refused. */
export function requireSelfOrAdmin(ctx: LearningContext, userId: string): void {
  const viewer = requireViewer(ctx);
  if (viewer.id !== userId && viewer.role !== "ADMIN")
    throw forbidden("Only this user (or an admin) may see their study data");
}
