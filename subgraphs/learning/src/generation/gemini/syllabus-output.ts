import { type ResponseSchema, SchemaType } from "@google/generative-ai";
import { MAX_GOALS, MAX_SECTIONS } from "../../domain/syllabus.ts";

/** Steers Gemini toward `syllabusOutline`, which checks the answer at run time. */
export const syllabusResponseSchema: ResponseSchema = {
  type: SchemaType.OBJECT,
  properties: {
    sections: {
      type: SchemaType.ARRAY,
      minItems: 1,
      maxItems: MAX_SECTIONS,
      items: {
        type: SchemaType.OBJECT,
        properties: {
          title: { type: SchemaType.STRING },
          goals: {
            type: SchemaType.ARRAY,
            minItems: 1,
            maxItems: MAX_GOALS,
            items: { type: SchemaType.STRING },
          },
        },
        required: ["title", "goals"],
      },
    },
  },
  required: ["sections"],
};
