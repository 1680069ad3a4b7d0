import type { Viewer } from "@kai/auth";
import { unauthenticated } from "@kai/errors";

export function requireViewer(context: { viewer: Viewer | null }): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

/**
 * The owner id to filter a lookup by: the viewer's own id, or none for an admin. Filtering
 * in the query (not after it) makes a foreign id indistinguishable from a missing one.
 */
export function ownerFilter(viewer: Viewer): string | undefined {
  return viewer.role === "ADMIN" ? undefined : viewer.id;
}
