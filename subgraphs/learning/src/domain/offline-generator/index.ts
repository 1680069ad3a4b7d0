import type { Card } from "./card.ts";
import { buildCloze } from "./cloze.ts";
import { DeckBuilder } from "./deck-builder.ts";
import { type Definition, extractDefinition } from "./definitions.ts";
import { rankKeySentences } from "./key-sentences.ts";
import { extractList } from "./lists.ts";
import { profileText } from "./text-profile.ts";
import { nameTopic } from "./topic-name.ts";
import { contentKeys } from "./words.ts";

export type { Card as GeneratedCard } from "./card.ts";
export { MAX_BACK_LENGTH, MAX_FRONT_LENGTH } from "./card.ts";

export interface GeneratedDeck {
  topicName: string;
  cards: Card[];
}

export interface GenerateOfflineOptions {
  maxCards?: number;
}

export const DEFAULT_MAX_CARDS = 5;

/**
 * Builds flashcards from prose without a language model: definitions first, then lists, then
 * cloze cards from the most informative remaining sentences. Deterministic, and never pads: a
 * text too thin for three cards yields fewer, and the caller decides what that means.
 */
export function generateOffline(text: string, options: GenerateOfflineOptions = {}): GeneratedDeck {
  const maxCards = options.maxCards ?? DEFAULT_MAX_CARDS;
  if (!Number.isInteger(maxCards) || maxCards < 0) {
    throw new RangeError(`maxCards must be a non-negative integer, got ${maxCards}`);
  }
  const { sentences, frequency, properNouns } = profileText(text);
  const definitions: (Definition & { sentenceIndex: number })[] = [];
  const lists: Card[] = [];
  const remaining: string[] = [];
  sentences.forEach((sentence, sentenceIndex) => {
    const list = extractList(sentence, properNouns);
    const definition = list ? undefined : extractDefinition(sentence, properNouns);
    if (list) lists.push(list);
    else if (definition) definitions.push({ ...definition, sentenceIndex });
    else remaining.push(sentence);
  });

  const deck = new DeckBuilder(maxCards);
  for (const card of [...definitions.map((definition) => definition.card), ...lists]) {
    deck.add(card);
  }
  // Defined terms are already asked about; blanking them again would repeat the deck.
  const usedAnswers = new Set(definitions.flatMap(({ term }) => contentKeys(term)));
  for (const index of rankKeySentences(remaining, frequency)) {
    if (deck.isFull) break;
    const cloze = buildCloze(remaining[index] ?? "", frequency, usedAnswers);
    if (cloze && deck.add(cloze.card)) usedAnswers.add(cloze.answerKey);
  }

  return { topicName: nameTopic(definitions, sentences, frequency), cards: deck.cards };
}
