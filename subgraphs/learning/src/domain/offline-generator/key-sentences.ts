import { MAX_FRONT_LENGTH } from "./card.ts";
import { findTerms } from "./cloze-terms.ts";
import { isContentWord, keyOf, tokenise } from "./words.ts";

const MIN_WORDS = 5;
const MAX_WORDS = 45;
/** Sentences that lean on an earlier one ("It takes place in ...") make vague cloze cards. */
const ANAPHORIC_START = /^(?:it|its|this|that|these|those|they|their|he|she|his|her|such)\b/i;
const ANAPHORA_PENALTY = 0.6;
const FACT_BONUS = 1.5;

/**
 * Indexes of sentences worth turning into cloze cards, most informative first: those dense
 * in the text's recurring keywords and carrying concrete facts such as dates and names.
 */
export function rankKeySentences(
  sentences: readonly string[],
  frequency: ReadonlyMap<string, number>,
): number[] {
  return sentences
    .map((sentence, index) => ({ index, score: informativeness(sentence, frequency) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ index }) => index);
}

function informativeness(sentence: string, frequency: ReadonlyMap<string, number>): number {
  const words = tokenise(sentence);
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return 0;
  if (sentence.length > MAX_FRONT_LENGTH || /[?:]$/.test(sentence)) return 0;
  const keys = new Set(
    words.filter((word) => isContentWord(word.text)).map((word) => keyOf(word.text)),
  );
  const keywordWeight = [...keys].reduce(
    (sum, key) => sum + Math.log2(1 + (frequency.get(key) ?? 1)),
    0,
  );
  const facts = findTerms(sentence).filter(
    (term) => term.kind !== "keyword" && term.kind !== "proper",
  );
  const score = (keywordWeight + FACT_BONUS * Math.min(facts.length, 2)) / Math.sqrt(words.length);
  return ANAPHORIC_START.test(sentence) ? score * ANAPHORA_PENALTY : score;
}
