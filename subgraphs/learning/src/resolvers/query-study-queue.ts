import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { subtreeIdsOf } from "../db/topic-tree.repo.ts";
import { findTopicsByIds } from "../db/topics.repo.ts";
import type { QueryResolvers } from "../generated/graphql.ts";
import { loadStudyQueues } from "../study/study-queue.ts";
import { dueLimit } from "./inputs.ts";

export const studyQueue: QueryResolvers["studyQueue"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { limit } = parseInput(dueLimit, { limit: args.limit });
  const now = new Date();
  if (!args.topicId) return loadStudyQueues(ctx.db, [viewer.id], { now, limit });
  const [topic] = await findTopicsByIds(ctx.db, [args.topicId], ownerFilter(viewer));
  if (!topic) throw notFound("Topic", args.topicId);
  // The topic owner's limits and cards, so an admin sees the queue its owner would.
  return loadStudyQueues(ctx.db, [topic.ownerId], {
    now,
    limit,
    topicIds: subtreeIdsOf(topic.id),
  });
};
