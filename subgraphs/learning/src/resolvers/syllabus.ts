import type { LearningContext } from "../context.ts";
import type { SyllabusRow } from "../db/schema.ts";

export const Syllabus = {
  topic: (syllabus: SyllabusRow, _: unknown, ctx: LearningContext) =>
    ctx.loaders.topicById.load(syllabus.topicId),
  sections: (syllabus: SyllabusRow) =>
    syllabus.sections.map((section, index) => ({ position: index + 1, ...section })),
  generator: (syllabus: SyllabusRow) => syllabus.generator.toUpperCase(),
};
