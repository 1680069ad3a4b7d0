import type { SyllabusRow } from "../db/schema.ts";
import type { Generator, SyllabusResolvers } from "../generated/graphql.ts";

const GENERATORS = {
  gemini: "GEMINI",
  offline: "OFFLINE",
} as const satisfies Record<SyllabusRow["generator"], Generator>;

export const Syllabus: SyllabusResolvers = {
  topic: async (syllabus, _, ctx) => {
    const topic = await ctx.loaders.topicById.load(syllabus.topicId);
    // A syllabus has its topic's owner and is deleted with it, so whoever sees it sees the topic.
    if (!topic) throw new Error(`Topic ${syllabus.topicId} of syllabus ${syllabus.id} is missing`);
    return topic;
  },
  sections: (syllabus) =>
    syllabus.sections.map((section, index) => ({ position: index + 1, ...section })),
  generator: (syllabus) => GENERATORS[syllabus.generator],
};
