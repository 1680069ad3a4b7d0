import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";
import { ownedTopics } from "./lists.ts";

/** The caller's own topics, admins included: others' are read through `User.topics`. */
export const topics: QueryResolvers["topics"] = (_, args, ctx) =>
  ownedTopics(ctx, requireViewer(ctx).id, args);
