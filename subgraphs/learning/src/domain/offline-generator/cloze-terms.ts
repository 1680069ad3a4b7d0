import { comparable } from "./card.ts";
import { isCapitalised, isContentWord, isStopword, keyOf, type Token, tokenise } from "./words.ts";

export type TermKind = "date" | "number" | "name" | "proper" | "keyword";

export interface Term {
  /** The term as first written in the sentence. */
  text: string;
  kind: TermKind;
  /** Identity of the term: occurrences with the same key are blanked together. */
  key: string;
  /** Every [start, end) occurrence in the sentence. */
  spans: [number, number][];
}

const MONTH =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const DATE = new RegExp(
  String.raw`\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?${MONTH}(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+\d{3,4}\b|\b\d{1,4}\s?(?:BCE|BC|CE|AD)\b|\b(?:1\d|20)\d{2}s?\b`,
  "g",
);
const NUMBER =
  /(?:[$£€¥]\s?)?(?<![\w.,])\d+(?:[.,]\d+)*(?:\s(?:thousand|million|billion|trillion)\b)?(?:\s?%|\s(?:percent|per cent)\b|(?![\w%]))/g;
/** "one" is left out: it is far more often a pronoun than a count. */
const NUMBER_WORD = /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/gi;
/** Lowercase words that may sit inside a name: "Declaration of the Rights of Man". */
const NAME_JOINERS: ReadonlySet<string> = new Set([
  "of",
  "the",
  "de",
  "du",
  "la",
  "le",
  "von",
  "van",
  "der",
  "del",
  "da",
]);

/**
 * Words after these are almost always verbs ("they form", "to double", "can contain"), and a
 * blanked verb tests grammar rather than knowledge.
 */
const VERB_CUES: ReadonlySet<string> = new Set(
  "i you he she it we they to can could may might must shall should will would do does did".split(
    " ",
  ),
);

/** Every blankable term in a sentence; overlapping candidates resolve in favour of dates, then names. */
export function findTerms(sentence: string): Term[] {
  const tokens = tokenise(sentence);
  const taken: [number, number][] = [];
  const terms = new Map<string, Term>();
  const add = (kind: TermKind, start: number, end: number, key: string): void => {
    if (taken.some(([s, e]) => start < e && s < end)) return;
    taken.push([start, end]);
    const existing = terms.get(key);
    if (existing) existing.spans.push([start, end]);
    else terms.set(key, { text: sentence.slice(start, end), kind, key, spans: [[start, end]] });
  };

  for (const match of sentence.matchAll(DATE)) {
    add("date", match.index, match.index + match[0].length, comparable(match[0]));
  }
  for (const [start, end] of nameSpans(sentence, tokens)) {
    add("name", start, end, comparable(sentence.slice(start, end)));
  }
  for (const match of sentence.matchAll(NUMBER)) {
    add("number", match.index, match.index + match[0].length, comparable(match[0]));
  }
  for (const match of sentence.matchAll(NUMBER_WORD)) {
    add("number", match.index, match.index + match[0].length, match[0].toLowerCase());
  }
  tokens.forEach((token, index) => {
    if (isStopword(token.text) || !/\p{L}/u.test(token.text)) return;
    const isName = isCapitalised(token.text) && (index > 0 || /^\p{Lu}{2}/u.test(token.text));
    if (isName) add("proper", token.start, token.end, keyOf(token.text));
    else if (
      isContentWord(token.text) &&
      !VERB_CUES.has(tokens[index - 1]?.text.toLowerCase() ?? "")
    ) {
      add("keyword", token.start, token.end, keyOf(token.text));
    }
  });
  return [...terms.values()].map((term) => ({
    ...term,
    spans: term.spans.sort(([a], [b]) => a - b),
  }));
}

/**
 * Runs of two or more capitalised words. Leading capitalised function words belong to the
 * sentence, not the name ("The French Revolution"), except mid-sentence ("404 Not Found").
 */
function nameSpans(sentence: string, tokens: readonly Token[]): [number, number][] {
  const spans: [number, number][] = [];
  let run: Token[] = [];
  const flush = (): void => {
    while (run.length > 0 && run.at(-1)?.text === run.at(-1)?.text.toLowerCase()) run.pop();
    if (run[0] === tokens[0]) {
      while (run.length > 0 && isStopword(run[0]?.text ?? "")) run.shift();
    }
    const first = run[0];
    const last = run.at(-1);
    if (run.length >= 2 && first && last) spans.push([first.start, last.end]);
    run = [];
  };
  for (const token of tokens) {
    const previous = run.at(-1);
    const adjacent =
      previous === undefined || /^\s+$/.test(sentence.slice(previous.end, token.start));
    const fits = isCapitalised(token.text) || (run.length > 0 && NAME_JOINERS.has(token.text));
    if (!adjacent || !fits) flush();
    if (fits && (run.length > 0 || isCapitalised(token.text))) run.push(token);
  }
  flush();
  return spans;
}
