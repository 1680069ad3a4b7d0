import { type ResponseSchema, SchemaType } from "@google/generative-ai";
import { z } from "zod";
import { MAX_CARDS, MAX_TOPIC_NAME_LENGTH } from "../../domain/capture-deck.ts";
import { frontKey } from "../../domain/card-dedupe.ts";
import {
  comparable,
  MAX_BACK_LENGTH,
  MAX_FRONT_LENGTH,
} from "../../domain/offline-generator/card.ts";

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const card = z
  .object({ front: text(MAX_FRONT_LENGTH), back: text(MAX_BACK_LENGTH) })
  .refine((c) => !comparable(c.back).includes(comparable(c.front)), {
    message: "a back must not just repeat its front",
  });

/**
 * A model's deck, checked at run time: a topic name and up to MAX_CARDS distinct cards (as few
 * as the text holds), or none when it holds nothing worth learning.
 */
export const deckOutput = z.object({
  topicName: text(MAX_TOPIC_NAME_LENGTH),
  cards: z
    .array(card)
    .max(MAX_CARDS)
    .refine((cards) => new Set(cards.map((c) => frontKey(c.front))).size === cards.length, {
      message: "no two cards may ask the same question",
    }),
});
export type DeckOutput = z.infer<typeof deckOutput>;

/** The same shape for Gemini's structured output, which steers the model toward it. */
export const deckResponseSchema: ResponseSchema = {
  type: SchemaType.OBJECT,
  properties: {
    topicName: { type: SchemaType.STRING, description: "The subject of the text, 1-6 words." },
    cards: {
      type: SchemaType.ARRAY,
      maxItems: MAX_CARDS,
      items: {
        type: SchemaType.OBJECT,
        properties: {
          front: { type: SchemaType.STRING, description: "One clear question." },
          back: { type: SchemaType.STRING, description: "Its short, complete answer." },
        },
        required: ["front", "back"],
      },
    },
  },
  required: ["topicName", "cards"],
};
