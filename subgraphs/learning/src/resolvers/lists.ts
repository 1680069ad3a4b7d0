import { badUserInput } from "@kai/errors";
import { parseInput } from "@kai/service";
import type { LearningContext } from "../context.ts";
import type { ListPage } from "../db/list-page.ts";
import type { FlashcardRow, ReviewRow, TopicRow } from "../db/schema.ts";
import { listPage, NOT_IN_LIST } from "./inputs.ts";

/** How to serve one paged list. */
interface List<R> {
  load(page: ListPage): Promise<R[]>;
  /** Whether the id names a row of this list; asked only to explain an empty page. */
  contains(id: string): Promise<boolean>;
}

/**
 * Reads `first` and `after` and loads that page. An empty page after a cursor is either the
 * end of the list or a cursor that was never in it (another list's id, a deleted row); a
 * client must not take the second for the first, so that is BAD_USER_INPUT. Checking only
 * empty pages keeps the cost off every other request.
 */
async function pageOf<R>(list: List<R>, args: unknown): Promise<R[]> {
  const page = parseInput(listPage, args);
  const rows = await list.load(page);
  if (rows.length === 0 && page.after && !(await list.contains(page.after)))
    throw badUserInput(`after: ${NOT_IN_LIST}`, "after");
  return rows;
}

/** A topic's cards. */
export const topicFlashcards = (
  ctx: LearningContext,
  topicId: string,
  args: unknown,
): Promise<FlashcardRow[]> =>
  pageOf(
    {
      load: (page) => ctx.loaders.flashcardsByTopicId(page).load(topicId),
      contains: async (id) => (await ctx.loaders.flashcardById.load(id))?.topicId === topicId,
    },
    args,
  );

/** The cards of the topic made from a capture; a capture without a topic has none. */
export const captureFlashcards = (
  ctx: LearningContext,
  captureId: string,
  args: unknown,
): Promise<FlashcardRow[]> =>
  pageOf(
    {
      load: (page) => ctx.loaders.flashcardsByCaptureId(page).load(captureId),
      contains: async (id) => {
        const [topic, card] = await Promise.all([
          ctx.loaders.topicByCaptureId.load(captureId),
          ctx.loaders.flashcardById.load(id),
        ]);
        return topic !== null && card?.topicId === topic.id;
      },
    },
    args,
  );

export const subTopics = (
  ctx: LearningContext,
  parentId: string,
  args: unknown,
): Promise<TopicRow[]> =>
  pageOf(
    {
      load: (page) => ctx.loaders.topicsByParentId(page).load(parentId),
      contains: async (id) => (await ctx.loaders.topicById.load(id))?.parentId === parentId,
    },
    args,
  );

/** An owner's topics; who may read them is the caller's to check first. */
export const ownedTopics = (
  ctx: LearningContext,
  ownerId: string,
  args: unknown,
): Promise<TopicRow[]> =>
  pageOf(
    {
      load: (page) => ctx.loaders.topicsByOwnerId(page).load(ownerId),
      contains: async (id) => (await ctx.loaders.topicById.load(id))?.ownerId === ownerId,
    },
    args,
  );

/** A card's review log. */
export const cardReviews = (
  ctx: LearningContext,
  flashcardId: string,
  args: unknown,
): Promise<ReviewRow[]> =>
  pageOf(
    {
      load: (page) => ctx.loaders.reviewsByFlashcardId(page).load(flashcardId),
      contains: async (id) => (await ctx.loaders.reviewById.load(id))?.flashcardId === flashcardId,
    },
    args,
  );
