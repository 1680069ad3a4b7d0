import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { findTopicsByIds, insertTopic } from "../db/topics.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { text } from "./inputs.ts";

const createTopicInput = z.object({ name: text(120), parentId: z.string().nullish() });

export const createTopic: MutationResolvers["createTopic"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const input = parseInput(createTopicInput, args.input);
  return ctx.db.transaction(async (tx) => {
    const parentId = input.parentId ?? null;
    const [parent] = parentId ? await findTopicsByIds(tx, [parentId], ownerFilter(viewer)) : [];
    if (parentId && !parent) throw notFound("Topic", parentId);
    // A sub-topic belongs to whoever owns its parent, even when an admin adds it.
    return insertTopic(tx, { name: input.name, parentId, ownerId: parent?.ownerId ?? viewer.id });
  });
};
