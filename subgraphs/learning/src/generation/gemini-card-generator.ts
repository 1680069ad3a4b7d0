import { dropDuplicateCards } from "../domain/card-dedupe.ts";
import { chunkText } from "../domain/chunk-text.ts";
import { mergeDecks, worthAskingModel } from "../domain/model-input.ts";
import type { CardGenerator, DeckRequest, GeneratedDeck } from "./card-generator.ts";
import { type DeckOutput, deckOutput, deckResponseSchema } from "./gemini/deck-output.ts";
import { askModels, type ChainDeps } from "./gemini/model-chain.ts";
import { deckPrompt } from "./gemini/prompts.ts";

export const BUDGET_NOTE =
  "Your daily AI budget is used up, so the offline generator made these cards.";
export const UNAVAILABLE_NOTE =
  "The AI model could not make cards from this capture, so the offline generator made them.";

export interface GeminiCardGeneratorDeps extends ChainDeps {
  /** Capture text per model call. */
  maxInputChars: number;
  /** Chunks of one capture sent at most. */
  maxChunks: number;
  /** Takes over when the owner's budget is spent or no model answers well. */
  offline: CardGenerator;
}

/**
 * Cards from Gemini: each chunk of the capture goes through the model chain, the answers are
 * merged and de-duplicated. The offline generator takes over (and says so in the deck's note)
 * when the owner's daily budget is spent or no model gave a valid answer for any chunk.
 */
export function geminiCardGenerator(deps: GeminiCardGeneratorDeps): CardGenerator {
  const offlineWith = async (request: DeckRequest, note: string | null) => ({
    ...(await deps.offline.generate(request)),
    note,
  });

  return {
    name: "gemini",
    async generate(request): Promise<GeneratedDeck> {
      // Too few words to learn from: the offline generator says so, at no cost.
      if (!worthAskingModel(request.capture.content)) return offlineWith(request, null);
      if (await deps.ledger.overBudget(request.userId)) return offlineWith(request, BUDGET_NOTE);
      const chunks = chunkText(request.capture.content, deps.maxInputChars).slice(
        0,
        deps.maxChunks,
      );
      const decks: DeckOutput[] = [];
      for (const [index, chunk] of chunks.entries()) {
        const answer = await askModels(
          {
            prompt: deckPrompt(chunk, request.capture, { index, total: chunks.length }),
            responseSchema: deckResponseSchema,
            output: deckOutput,
            subject: { ownerId: request.userId, captureId: request.captureId, purpose: "cards" },
          },
          deps,
        );
        if (answer) decks.push(answer.value);
      }
      if (decks.length === 0) return offlineWith(request, UNAVAILABLE_NOTE);
      const merged = mergeDecks(decks);
      return {
        topicName: merged.topicName,
        cards: dropDuplicateCards(merged.cards).slice(0, request.maxCards),
        generator: "gemini",
        note: null,
      };
    },
  };
}
