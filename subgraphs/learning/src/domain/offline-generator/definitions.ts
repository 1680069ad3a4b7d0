import type { Card } from "./card.ts";
import { asSentence } from "./phrasing.ts";
import { subjectTerm } from "./subject.ts";
import { isAdjectiveComplement, startsLikeModifier, startsPostModifier } from "./word-classes.ts";
import { tokenise } from "./words.ts";

export interface Definition {
  term: string;
  card: Card;
}

type Form = "copula" | "defined" | "refers" | "means";

const FORMS: readonly { form: Form; pattern: RegExp }[] = [
  {
    form: "defined",
    pattern: /^(.+?)\s+(is|are|was|were|can be)\s+(?:\w+ly\s+)?defined\s+as\s+(.+)$/i,
  },
  { form: "refers", pattern: /^(.+?)\s+(refers|refer|referred)\s+to\s+(.+)$/i },
  { form: "means", pattern: /^(.+?)\s+(means|mean|meant)\s+(?:that\s+)?(.+)$/i },
  { form: "copula", pattern: /^(.+?)\s+(is|are|was|were)\s+(.+)$/i },
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
    best = { term, card, at: subject.length };
  }
  return best && { term: best.term, card: best.card };
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
