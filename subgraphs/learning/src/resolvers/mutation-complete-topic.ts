import { notFound } from "@kai/errors";
import { enqueueEvent } from "@kai/events";
import { ownerFilter, requireViewer } from "@kai/service";
import { findTopicsByIds, markTopicCompleted } from "../db/topics.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const completeTopic: MutationResolvers["completeTopic"] = async (_, args, ctx) => {
  const owner = ownerFilter(requireViewer(ctx));
  return ctx.db.transaction(async (tx) => {
    const completed = await markTopicCompleted(tx, args.topicId, owner, new Date());
    if (completed) {
      await enqueueEvent(tx, "learning.topic_completed", completed.ownerId, {
        topicId: completed.id,
      });
      return completed;
    }
    // Already complete (no second event, so no second reward), or not the caller's at all.
    const [existing] = await findTopicsByIds(tx, [args.topicId], owner);
    if (!existing) throw notFound("Topic", args.topicId);
    return existing;
  });
};
