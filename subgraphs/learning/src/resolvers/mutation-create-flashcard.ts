import { notFound } from "@kai/errors";
import { ownerFilter, parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import type { LearningContext } from "../context.ts";
import { insertNewFlashcards } from "../db/flashcards.repo.ts";
import { findTopicsByIds } from "../db/topics.repo.ts";
import { text } from "./inputs.ts";

const createFlashcardInput = z.object({ topicId: z.string(), front: text(500), back: text(2000) });

export async function createFlashcard(_: unknown, args: { input: unknown }, ctx: LearningContext) {
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
    return card;
  });
}
