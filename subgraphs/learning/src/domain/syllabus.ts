import { z } from "zod";
import { BLANK } from "./offline-generator/cloze.ts";

export const MAX_SECTIONS = 8;
export const MAX_GOALS = 5;

const line = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** What a stored syllabus holds, whoever wrote it: ordered sections, each with learning goals. */
export const syllabusOutline = z.object({
  sections: z
    .array(z.object({ title: line(120), goals: z.array(line(300)).min(1).max(MAX_GOALS) }))
    .min(1)
    .max(MAX_SECTIONS),
});
export type SyllabusOutline = z.infer<typeof syllabusOutline>;
export type SyllabusSection = SyllabusOutline["sections"][number];

export interface SyllabusMaterial {
  topicName: string;
  cards: readonly { front: string; back: string }[];
  subtopics: readonly string[];
}

const DEFINITION = /^What (?:is|are|was|were) (.+)\?$/i;
const MEANING = /^What (?:does|do|did) (.+) mean\?$/i;

/**
 * An outline made without a language model, deterministically, from what the topic holds:
 * the terms its cards define, then one section per sub-topic, then the facts its other cards
 * ask for, and a closing review. A topic with nothing in it gets a generic outline.
 */
export function offlineSyllabus({
  topicName,
  cards,
  subtopics,
}: SyllabusMaterial): SyllabusOutline {
  const terms: string[] = [];
  const facts: string[] = [];
  for (const { front, back } of cards) {
    const term = DEFINITION.exec(front)?.[1] ?? MEANING.exec(front)?.[1];
    if (term) terms.push(`Explain what ${term} ${MEANING.test(front) ? "means" : "is"}`);
    else if (front.includes(BLANK)) facts.push(`Recall: ${front.replace(BLANK, back)}`);
    else facts.push(front.replace(/\?$/, ""));
  }
  const sections: SyllabusSection[] = [];
  if (terms.length > 0) sections.push({ title: `Key terms of ${topicName}`, goals: terms });
  for (const subtopic of subtopics) {
    sections.push({ title: subtopic, goals: [`Recall the key facts of ${subtopic}`] });
  }
  if (facts.length > 0) sections.push({ title: "Key facts", goals: facts });
  if (sections.length === 0) {
    sections.push(
      { title: "Overview", goals: [`Describe what ${topicName} is and why it matters`] },
      { title: "Key terms", goals: [`List and define the main terms of ${topicName}`] },
    );
  }
  const review = {
    title: "Review and apply",
    goals: [
      `Explain ${topicName} in your own words`,
      "Review the flashcards until each one is recalled easily",
    ],
  };
  return syllabusOutline.parse({
    sections: [...sections.slice(0, MAX_SECTIONS - 1), review].map((section) => ({
      title: truncate(section.title, 120),
      goals: section.goals.slice(0, MAX_GOALS).map((goal) => truncate(goal, 300)),
    })),
  });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
