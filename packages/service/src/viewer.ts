import type { Viewer } from "@kai/auth";
import { notFound, unauthenticated } from "@kai/errors";

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

/**
 * The one rule for a user's private fields (their captures, topics, due cards, AI usage,
 * activity, email), whichever subgraph adds them to `User`: the user themself and admins read
 * them; anyone else gets NOT_FOUND for that user id, exactly the answer for a user that does
 * not exist (ARCHITECTURE §4), so asking reveals nothing. Public fields (a name on the
 * leaderboard, a share card) do not call this.
 */
export function requireSelfOrAdmin(context: { viewer: Viewer | null }, userId: string): Viewer {
  const viewer = requireViewer(context);
  const owner = ownerFilter(viewer);
  if (owner !== undefined && owner !== userId) throw notFound("User", userId);
  return viewer;
}

/**
 * `Query.me` of a subgraph that adds fields to `User`: the viewer as a `User` reference. `me` is
 * shareable, so the gateway asks such a subgraph for `me { its fields }` directly, beside users,
 * instead of first asking users for the viewer's id: one hop fewer in every plan under `me`.
 */
export function viewerAsUser(
  _parent: unknown,
  _args: unknown,
  context: { viewer: Viewer | null },
): { __typename: "User"; id: string } {
  return { __typename: "User", id: requireViewer(context).id };
}
