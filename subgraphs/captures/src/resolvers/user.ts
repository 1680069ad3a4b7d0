import { forbidden } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { UserResolvers } from "../generated/graphql.ts";
import { loadCapturePage } from "./capture-connection.ts";

export const User: UserResolvers = {
  captures: (user, args, ctx) => {
    const viewer = requireViewer(ctx);
    if (viewer.id !== user.id && viewer.role !== "ADMIN")
      throw forbidden("Only the user themself may read their captures");
    return loadCapturePage(ctx, user.id, args);
  },
};
