import { notFound } from "@kai/errors";
import { enqueueEvent } from "@kai/events";
import { ownerFilter, requireViewer } from "@kai/service";
import { deleteTopicTree, lockTopicInTree } from "../db/topic-tree.repo.ts";
import { enqueueDueNotice } from "../due-cards/enqueue-due-notice.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const deleteTopic: MutationResolvers["deleteTopic"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  return ctx.db.transaction(async (tx) => {
    // The tree lock holds off a concurrent move of a topic into this tree while it goes.
    const topic = await lockTopicInTree(tx, args.id, ownerFilter(viewer));
    if (!topic) throw notFound("Topic", args.id);
    const deleted = await deleteTopicTree(tx, topic);
    await enqueueEvent(tx, "learning.topic_deleted", topic.ownerId, deleted);
    await enqueueDueNotice(tx, topic.ownerId, new Date());
    return true;
  });
};
