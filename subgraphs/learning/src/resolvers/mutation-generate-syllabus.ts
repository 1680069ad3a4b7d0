import { notFound } from "@kai/errors";
import { requireViewer } from "@kai/service";
import { insertNextSyllabus } from "../db/syllabi.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

/** Enough of a topic's cards and sub-topics to outline it; more would only lengthen the prompt. */
const MAX_CARDS_IN_PROMPT = 40;
const MAX_SUBTOPICS_IN_PROMPT = 40;

/**
 * The model is asked before the transaction opens (it can take seconds); its calls are in
 * the AI ledger even if storing the result then fails, since they were made and cost money.
 */
export const generateSyllabus: MutationResolvers["generateSyllabus"] = async (_, args, ctx) => {
  requireViewer(ctx);
  const topic = await ctx.loaders.topicById.load(args.topicId);
  if (!topic) throw notFound("Topic", args.topicId);
  const [cards, children] = await Promise.all([
    ctx.loaders
      .flashcardsByTopicId({ first: MAX_CARDS_IN_PROMPT, after: undefined })
      .load(topic.id),
    ctx.loaders
      .topicsByParentId({ first: MAX_SUBTOPICS_IN_PROMPT, after: undefined })
      .load(topic.id),
  ]);
  const written = await ctx.ai.syllabus.write(
    {
      topicName: topic.name,
      cards,
      subtopics: children.map((child) => child.name),
    },
    { ownerId: topic.ownerId, topicId: topic.id },
  );
  return ctx.db.transaction((tx) =>
    insertNextSyllabus(tx, {
      topicId: topic.id,
      ownerId: topic.ownerId,
      sections: written.outline.sections,
      generator: written.generator,
      model: written.model,
    }),
  );
};
