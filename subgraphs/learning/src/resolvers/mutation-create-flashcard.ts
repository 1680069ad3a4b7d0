import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { insertNewFlashcards } from "../db/flashcards.repo.ts";
import { findTopicsByIds } from "../db/topics.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { text } from "./inputs.ts";

const createFlashcardInput = z.object({ topicId: z.string(), front: text(500), back: text(2000) });

export const createFlashcard: MutationResolvers["createFlashcard"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { topicId, front, back } = parseInput(createFlashcardInput, args.input);
  return ctx.db.transaction(async (tx) => {
    const [topic] = await findTopicsByIds(tx, [topicId], ownerFilter(viewer));
    if (!topic) throw notFound("Topic", topicId);
    const [card] = await insertNewFlashcards(tx, {
      ownerId: topic.ownerId,
      topicId,
      cards: [{ front, back }],
      now: new Date(),
    });
    if (!card) throw new Error("insert into flashcards returned no row");
    return card;
  });
};
