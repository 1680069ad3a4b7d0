import { notFound } from "@kai/errors";
import { enqueueEvent } from "@kai/events";
import { ownerFilter, requireViewer } from "@kai/service";
import { deleteFlashcardById, findFlashcardForUpdate } from "../db/flashcards.repo.ts";
import { enqueueDueNotice } from "../due-cards/enqueue-due-notice.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const deleteFlashcard: MutationResolvers["deleteFlashcard"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  return ctx.db.transaction(async (tx) => {
    const card = await findFlashcardForUpdate(tx, args.id, ownerFilter(viewer));
    if (!card) throw notFound("Flashcard", args.id);
    await deleteFlashcardById(tx, card.id);
    await enqueueEvent(tx, "learning.flashcard_deleted", card.ownerId, {
      flashcardId: card.id,
      topicId: card.topicId,
    });
    // The owner's due count may have dropped: live clients and reminders hear it at once.
    await enqueueDueNotice(tx, card.ownerId, new Date());
    return true;
  });
};
