import { type Antecedent, opensWith, resolveAnaphora } from "./anaphora.ts";
import { type Card, comparable } from "./card.ts";
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
  // Cloze candidates, each with the subject a leading "It" or "They" stands for.
  const remaining: { sentence: string; resolved: string; antecedent?: Antecedent }[] = [];
  // What the previous sentence was about, for a following "It ..." or "They ...".
  let antecedent: Antecedent | undefined;
  sentences.forEach((sentence, sentenceIndex) => {
    const list = extractList(sentence, properNouns);
    const definition = list ? undefined : extractDefinition(sentence, properNouns);
    if (list) {
      lists.push(list);
      antecedent = undefined;
    } else if (definition) {
      definitions.push({ ...definition, sentenceIndex });
      antecedent = definition;
    } else {
      // An unresolvable "It ..." or "They ..." makes no card: it would be vague out of context.
      const resolved = resolveAnaphora(sentence, antecedent);
      if (resolved !== undefined) remaining.push({ sentence, resolved, antecedent });
      // A resolved pronoun keeps the antecedent; otherwise the sentence is about what it opens with.
      if (resolved === undefined || resolved === sentence) {
        antecedent = definitions.find(({ term }) => opensWith(sentence, term));
      }
    }
  });

  const deck = new DeckBuilder(maxCards);
  for (const card of [...definitions.map((definition) => definition.card), ...lists]) {
    deck.add(card);
  }
  // Defined terms are already asked about; blanking them again, word by word or as a whole name
  // ("the French Revolution" → "french revolution"), would repeat the deck.
  const usedAnswers = new Set(
    definitions.flatMap(({ term }) => [
      ...contentKeys(term),
      comparable(term.replace(/^(?:a|an|the)\s+/i, "")),
    ]),
  );
  const ranked = rankKeySentences(
    remaining.map(({ resolved }) => resolved),
    frequency,
  );
  for (const index of ranked) {
    if (deck.isFull) break;
    const candidate = remaining[index];
    if (candidate === undefined) continue;
    // Blank the original sentence, so the pronoun still marks the next word as a verb, and the
    // antecedent it names is never the blank; then name the antecedent in the front.
    const cloze = buildCloze(candidate.sentence, frequency, usedAnswers);
    const front = cloze && resolveAnaphora(cloze.card.front, candidate.antecedent);
    if (cloze && front && deck.add({ ...cloze.card, front })) usedAnswers.add(cloze.answerKey);
  }

  return { topicName: nameTopic(definitions, sentences, frequency), cards: deck.cards };
}
