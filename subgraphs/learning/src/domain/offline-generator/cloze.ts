import type { Card } from "./card.ts";
import { findTerms, type Term, type TermKind } from "./cloze-terms.ts";
import { capitaliseFirst } from "./phrasing.ts";
import { keyOf, tokenise } from "./words.ts";

export const BLANK = "_____";

export interface Cloze {
  card: Card;
  /** Key of the hidden term, so later cards can prefer other answers. */
  answerKey: string;
}

/**
 * Specific facts make the best blanks: a date beats names and numbers, and any of those beats
 * a plain keyword, which ranks by how often the text returns to it.
 */
const KIND_WEIGHT: Readonly<Record<TermKind, number>> = {
  date: 6.5,
  name: 5,
  number: 5,
  proper: 3.5,
  keyword: 2,
};
/**
 * A sentence's opening word is usually its subject; when the text keeps returning to it, it is
 * the thing the sentence teaches about ("Igneous rock forms when ...").
 */
const RECURRING_SUBJECT_BONUS = 1;
/** Repeating an earlier card's answer is allowed, but only when nothing else fits. */
const REPEAT_PENALTY = 4;
const MAX_ANSWER_WORDS = 6;
/** Fewer visible words than this leave too little context to recall the blank from. */
const MIN_CONTEXT_WORDS = 4;

export function buildCloze(
  sentence: string,
  frequency: ReadonlyMap<string, number>,
  usedAnswers: ReadonlySet<string>,
): Cloze | undefined {
  const tokens = tokenise(sentence);
  const sentenceWords = tokens.length;
  const score = (term: Term): number => {
    const occurrences = termFrequency(term, frequency);
    const isRecurringSubject = term.spans[0]?.[0] === tokens[0]?.start && occurrences >= 2;
    return (
      KIND_WEIGHT[term.kind] +
      Math.log2(1 + occurrences) +
      (isRecurringSubject ? RECURRING_SUBJECT_BONUS : 0) -
      (usedAnswers.has(term.key) ? REPEAT_PENALTY : 0)
    );
  };
  const best = findTerms(sentence)
    .filter((term) => {
      const words = tokenise(term.text).length;
      return (
        words <= MAX_ANSWER_WORDS && sentenceWords - words * term.spans.length >= MIN_CONTEXT_WORDS
      );
    })
    .map((term) => ({ term, score: score(term) }))
    .sort((a, b) => b.score - a.score || b.term.text.length - a.term.text.length)[0]?.term;
  if (best === undefined) return undefined;
  return {
    card: { front: blankOut(sentence, best), back: capitaliseFirst(best.text) },
    answerKey: best.key,
  };
}

function termFrequency(term: Term, frequency: ReadonlyMap<string, number>): number {
  if (term.kind === "date" || term.kind === "number") return 1;
  return Math.max(1, ...tokenise(term.text).map((token) => frequency.get(keyOf(token.text)) ?? 0));
}

function blankOut(sentence: string, term: Term): string {
  return term.spans.reduceRight(
    (text, [start, end]) => text.slice(0, start) + BLANK + text.slice(end),
    sentence,
  );
}
