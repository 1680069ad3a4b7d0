import { badUserInput, notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { isInSubtree, lockTopicInTree } from "../db/topic-tree.repo.ts";
import { findTopicsByIds, updateTopic as saveTopic } from "../db/topics.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { text } from "./inputs.ts";

// `parentId` omitted keeps the place, null moves the topic to the top level.
const updateTopicInput = z.object({
  id: z.string(),
  name: text(120)
    .nullish()
    .transform((v) => v ?? undefined),
  parentId: z.string().nullable().optional(),
});

export const updateTopic: MutationResolvers["updateTopic"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { id, name, parentId } = parseInput(updateTopicInput, args.input);
  const owner = ownerFilter(viewer);
  return ctx.db.transaction(async (tx) => {
    const topic = await lockTopicInTree(tx, id, owner);
    if (!topic) throw notFound("Topic", id);
    if (parentId) {
      // A parent must be the same owner's, even when an admin moves the topic.
      const [parent] = await findTopicsByIds(tx, [parentId], topic.ownerId);
      if (!parent) throw notFound("Topic", parentId);
      if (await isInSubtree(tx, topic.id, parent.id))
        throw badUserInput(
          "parentId: a topic cannot move under itself or its own sub-topic",
          "parentId",
        );
    }
    if (name === undefined && parentId === undefined) return topic;
    return saveTopic(tx, topic.id, { name, parentId });
  });
};
