import type { NotificationKind, NotificationResolvers } from "../generated/graphql.ts";

export const Notification: NotificationResolvers = {
  // Stored as text; only the kinds of the enum are ever written (see notify).
  kind: (row) => row.kind as NotificationKind,
};
