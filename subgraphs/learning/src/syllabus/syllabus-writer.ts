import {
  offlineSyllabus,
  type SyllabusMaterial,
  type SyllabusOutline,
  syllabusOutline,
} from "../domain/syllabus.ts";
import type { GeneratorName } from "../generation/card-generator.ts";
import { askModels, type ChainDeps } from "../generation/gemini/model-chain.ts";
import { syllabusPrompt } from "../generation/gemini/prompts.ts";
import { syllabusResponseSchema } from "../generation/gemini/syllabus-output.ts";

export interface WrittenSyllabus {
  outline: SyllabusOutline;
  generator: GeneratorName;
  /** The model that wrote it; null for the offline generator. */
  model: string | null;
}

/** Writes a topic's syllabus; never throws for a bad or missing model answer. */
export interface SyllabusWriter {
  write(
    material: SyllabusMaterial,
    subject: { ownerId: string; topicId: string },
  ): Promise<WrittenSyllabus>;
}

const offline = (material: SyllabusMaterial): WrittenSyllabus => ({
  outline: offlineSyllabus(material),
  generator: "offline",
  model: null,
});

export const offlineSyllabusWriter: SyllabusWriter = {
  write: async (material) => offline(material),
};

/** Gemini through the model chain (ledgered), else the offline outline; also once over budget. */
export function geminiSyllabusWriter(deps: ChainDeps): SyllabusWriter {
  return {
    async write(material, { ownerId, topicId }) {
      if (await deps.ledger.overBudget(ownerId)) return offline(material);
      const answer = await askModels(
        {
          prompt: syllabusPrompt(material),
          responseSchema: syllabusResponseSchema,
          output: syllabusOutline,
          subject: { ownerId, topicId, purpose: "syllabus" },
        },
        deps,
      );
      return answer
        ? { outline: answer.value, generator: "gemini", model: answer.model }
        : offline(material);
    },
  };
}
