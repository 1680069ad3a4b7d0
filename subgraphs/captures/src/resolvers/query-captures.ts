import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";
import { capturePage } from "./capture-connection.ts";

/** The caller's own captures, admins included: others' are read through `User.captures`. */
export const captures: QueryResolvers["captures"] = (_, args, ctx) =>
  capturePage(requireViewer(ctx).id, args);
