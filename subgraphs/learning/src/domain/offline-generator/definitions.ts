import type { Card } from "./card.ts";
import { asSentence } from "./phrasing.ts";
import { subjectTerm } from "./subject.ts";
import { isAdjectiveComplement, startsLikeModifier, startsPostModifier } from "./word-classes.ts";
import { tokenise } from "./words.ts";

export interface Definition {
  term: string;
  card: Card;
  /** Whether the sentence treats the term as plural ("Mitochondria are ..."). */
  plural: boolean;
}

type Form = "copula" | "defined" | "refers" | "means";

/** Hedges that may sit before the verb: "X generally refers to Y", "X is commonly defined as Y". */
const ADVERB = String.raw`(?:(?:generally|usually|commonly|typically|often|sometimes|also|simply|broadly|loosely|formally|technically|essentially|basically|strictly|normally|traditionally|primarily|most\s+often)\s+)?`;

const FORMS: readonly { form: Form; pattern: RegExp }[] = [
  {
    form: "defined",
    pattern: new RegExp(
      String.raw`^(.+?)\s+(is|are|was|were|can be)\s+${ADVERB}defined\s+as\s+(.+)$`,
      "i",
    ),
  },
  {
    form: "refers",
    pattern: new RegExp(String.raw`^(.+?)\s+${ADVERB}(refers|refer|referred)\s+to\s+(.+)$`, "i"),
  },
  {
    form: "means",
    pattern: new RegExp(String.raw`^(.+?)\s+${ADVERB}(means|mean|meant)\s+(?:that\s+)?(.+)$`, "i"),
  },
  // The adverb only counts before an article: "is simply a function", not "is often long".
  {
    form: "copula",
    pattern: new RegExp(
      String.raw`^(.+?)\s+(is|are|was|were)\s+(?:${ADVERB}(?=(?:a|an|the)\s))?(.+)$`,
      "i",
    ),
  },
];

const ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the", "one", "any"]);
const PLURAL_VERBS: ReadonlySet<string> = new Set(["are", "were", "refer", "mean"]);
const PAST_VERBS: ReadonlySet<string> = new Set(["was", "were", "referred", "meant"]);

/**
 * Reads "X is Y", "X are Y", "X refers to Y", "X means Y" or "X is defined as Y" as a definition
 * of X. When a sentence has several verbs, the earliest one splits subject from definition.
 */
export function extractDefinition(
  sentence: string,
  properNouns: ReadonlySet<string>,
): Definition | undefined {
  if (/[?:]$/.test(sentence)) return undefined;
  let best: (Definition & { at: number }) | undefined;
  for (const { form, pattern } of FORMS) {
    const [, subject = "", verb = "", rest = ""] = pattern.exec(sentence) ?? [];
    if (subject === "" || (best !== undefined && subject.length >= best.at)) continue;
    const lowerVerb = verb.toLowerCase();
    const term = subjectTerm(subject, properNouns);
    const body = definitionBody(rest, form, PLURAL_VERBS.has(lowerVerb));
    if (term === undefined || body === undefined) continue;
    const card = { front: question(term, form, lowerVerb), back: asSentence(body) };
    best = { term, card, plural: isPlural(term, lowerVerb), at: subject.length };
  }
  return best && { term: best.term, card: best.card, plural: best.plural };
}

function isPlural(term: string, verb: string): boolean {
  if (verb === "can be") return /[^s]s$/i.test(term);
  return PLURAL_VERBS.has(verb);
}

function question(term: string, form: Form, verb: string): string {
  const plural = PLURAL_VERBS.has(verb);
  const past = PAST_VERBS.has(verb);
  if (form === "means") return `What ${past ? "did" : plural ? "do" : "does"} ${term} mean?`;
  return `What ${past ? (plural ? "were" : "was") : plural ? "are" : "is"} ${term}?`;
}

function definitionBody(rest: string, form: Form, plural: boolean): string | undefined {
  const body = (rest.split(/;|\s[—–-]\s/)[0] ?? "").replace(/[\s.,:!]+$/, "").trim();
  const words = tokenise(body).map((token) => token.text);
  const [first = "", second = ""] = words;
  if (words.length < 2 || startsLikeModifier(first)) return undefined;
  if (form !== "copula" || ARTICLES.has(first.toLowerCase())) return body;
  if (isAdjectiveComplement(second)) return undefined;
  // Without an article, "X is Y" is usually a description ("is blue today"); accept it only
  // when Y is visibly a defined noun ("interest calculated on ...", "organelles that ...").
  if (plural || (words.length >= 3 && startsPostModifier(second))) return body;
  return undefined;
}
