import { isContentWord, keyOf, tokenise } from "./words.ts";

const MAX_TOPIC_LENGTH = 60;
const MAX_PHRASE_WORDS = 3;
const FALLBACK_TOPIC = "Untitled";
const SMALL_WORDS: ReadonlySet<string> = new Set(
  "a an and as at but by for from in into nor of on or the to via with".split(" "),
);

/** A definition this early states what the whole text is about, if the text returns to it. */
const OPENING_SENTENCES = 2;

export interface DefinedTerm {
  term: string;
  sentenceIndex: number;
}

/**
 * Names the deck after the term the text opens by defining: always when it is the very first
 * sentence, and when it is the second only if the text keeps returning to it. Otherwise after
 * the text's most frequent key phrase.
 */
export function nameTopic(
  definedTerms: readonly DefinedTerm[],
  sentences: readonly string[],
  frequency: ReadonlyMap<string, number>,
): string {
  const recurs = (term: string): boolean =>
    tokenise(term).some((word) => (frequency.get(keyOf(word.text)) ?? 0) >= 2);
  const opening = definedTerms.find(
    ({ term, sentenceIndex }) =>
      sentenceIndex === 0 || (sentenceIndex < OPENING_SENTENCES && recurs(term)),
  );
  const topic = opening?.term ?? keyPhrase(sentences);
  const title = titleCase(
    topic
      .replace(/\([^)]*\)/g, " ")
      .replace(/^(?:a|an|the)\s+/i, "")
      .trim(),
  );
  return title === "" ? FALLBACK_TOPIC : truncateTitle(title);
}

/** Longer phrases win over their own words when they recur: "compound interest" over "interest". */
function keyPhrase(sentences: readonly string[]): string {
  const phrases = new Map<string, { text: string; count: number; words: number }>();
  for (const sentence of sentences) {
    for (const run of contentRuns(sentence)) {
      for (let length = 1; length <= MAX_PHRASE_WORDS; length++) {
        for (let start = 0; start + length <= run.length; start++) {
          const words = run.slice(start, start + length);
          const key = words.map(keyOf).join(" ");
          const entry = phrases.get(key) ?? { text: words.join(" "), count: 0, words: length };
          entry.count++;
          phrases.set(key, entry);
        }
      }
    }
  }
  let best: { text: string; score: number } | undefined;
  for (const { text, count, words } of phrases.values()) {
    const score = words > 1 && count < 2 ? 0 : count * words;
    if (best === undefined || score > best.score) best = { text, score };
  }
  return best?.text ?? "";
}

/** Consecutive content words not interrupted by punctuation or function words. */
function contentRuns(sentence: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let previousEnd = 0;
  for (const token of tokenise(sentence)) {
    const joined = /^\s*$/.test(sentence.slice(previousEnd, token.start));
    if (!joined || !isContentWord(token.text)) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (isContentWord(token.text)) run.push(token.text);
    previousEnd = token.end;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

export function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word !== "")
    .map((word, index) => {
      if (/\p{Lu}/u.test(word.slice(1)) || /^\p{Lu}/u.test(word)) return word;
      if (index > 0 && SMALL_WORDS.has(word)) return word;
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join(" ");
}

function truncateTitle(title: string): string {
  if (title.length <= MAX_TOPIC_LENGTH) return title;
  const cut = title.slice(0, MAX_TOPIC_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, MAX_TOPIC_LENGTH)).trim();
}
