import { isCapitalised, isContentWord, isStopword, keyOf, tokenise } from "./words.ts";

const MAX_TERM_WORDS = 6;
const ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the"]);
/** Function words that can sit inside a term: "speed of light", "supply and demand". */
const TERM_JOINERS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "of",
  "and",
  "or",
  "for",
  "on",
  "in",
  "to",
  "with",
]);
/** Nouns too vague to be the thing a card asks about ("The result is a ..."). */
const VAGUE_NOUNS: ReadonlySet<string> = new Set(
  `answer aim case consequence difference effect example fact goal idea issue key option outcome
  part point problem purpose question reason rest result situation solution thing`.split(/\s+/),
);
/** A subject holding one of these reports a claim ("Scientists think X were Y"); it names no term. */
const REPORTING_VERBS: ReadonlySet<string> = new Set(
  `think thinks thought believe believes believed say says said argue argues argued claim claims
  claimed suggest suggests suggested know knows knew show shows showed found find finds assume
  assumes assumed estimate estimates estimated agree agrees agreed`.split(/\s+/),
);
const TERM_INTRO = /^(?:the\s+)?(?:term|word|phrase|concept|notion|expression)\s+/i;
const QUOTES = /^["“‘']+|["”’']+$/g;

/**
 * The term named by the subject of a sentence, phrased to sit mid-question ("the French
 * Revolution", "photosynthesis"), or undefined when the subject is not a self-contained term.
 */
export function subjectTerm(
  rawSubject: string,
  properNouns: ReadonlySet<string>,
): string | undefined {
  const subject = withoutAsides(rawSubject.trim())
    .replace(TERM_INTRO, "")
    .replace(QUOTES, "")
    .trim();
  if (/[:;?!"“”]/.test(subject)) return undefined;
  const words = tokenise(subject.replace(/\([^)]*\)/g, " ")).map((token) => token.text);
  const first = words[0]?.toLowerCase();
  if (first === undefined || words.length > MAX_TERM_WORDS) return undefined;
  if (isStopword(first) && !ARTICLES.has(first)) return undefined;
  if (words.some((word) => isStopword(word) && !TERM_JOINERS.has(word.toLowerCase()))) {
    return undefined;
  }
  if (words.some((word) => REPORTING_VERBS.has(word.toLowerCase()))) return undefined;
  const meaningful = words.filter((word) => !isStopword(word));
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  if (meaningful.length === 0 || (only !== undefined && VAGUE_NOUNS.has(keyOf(only)))) {
    return undefined;
  }
  if (!meaningful.some((word) => isContentWord(word) || /\p{Lu}{2}|\p{N}/u.test(word))) {
    return undefined;
  }
  return withSentenceCaseUndone(subject, properNouns);
}

/**
 * "Mitochondria, the powerhouses of the cell," → "Mitochondria";
 * "In biology, photosynthesis" → "photosynthesis".
 */
function withoutAsides(subject: string): string {
  if (subject.endsWith(",")) return subject.slice(0, subject.indexOf(","));
  return subject.slice(subject.lastIndexOf(",") + 1);
}

/** Only sentence position capitalised the first word, unless the text shows it is a name. */
function withSentenceCaseUndone(term: string, properNouns: ReadonlySet<string>): string {
  const first = tokenise(term)[0];
  if (first === undefined) return term;
  const lower = first.text.toLowerCase();
  const isPlainWord = isCapitalised(first.text) && first.text.slice(1) === lower.slice(1);
  if (!isPlainWord || (properNouns.has(lower) && !ARTICLES.has(lower))) return term;
  return term.slice(0, first.start) + lower + term.slice(first.end);
}
