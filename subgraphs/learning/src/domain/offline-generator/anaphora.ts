import { capitaliseFirst } from "./phrasing.ts";
import { contentKeys, keyOf, type Token, tokenise } from "./words.ts";

/** What a sentence is about, so that a following "It ..." or "They ..." can name it. */
export interface Antecedent {
  term: string;
  plural: boolean;
}

interface Pronoun {
  plural: boolean;
  possessive: boolean;
}

const PERSONAL: Readonly<Record<string, Pronoun>> = {
  it: { plural: false, possessive: false },
  he: { plural: false, possessive: false },
  she: { plural: false, possessive: false },
  they: { plural: true, possessive: false },
  its: { plural: false, possessive: true },
  his: { plural: false, possessive: true },
  her: { plural: false, possessive: true },
  their: { plural: true, possessive: true },
};
const DEMONSTRATIVE_PLURAL: Readonly<Record<string, boolean>> = {
  this: false,
  that: false,
  these: true,
  those: true,
};
/** After "This" or "These", a verb shows a pronoun ("These are ..."), a noun a determiner. */
const AUXILIARIES: ReadonlySet<string> = new Set(
  `is are was were has have had can could will would may might must should do does did include
  includes included contain contains contained`.split(/\s+/),
);
/** "This is why ...", "That is because ..." point back at a whole statement, not a thing. */
const STATEMENT_POINTERS: ReadonlySet<string> = new Set(
  "why because how what when where whereas true not".split(" "),
);
/** "It is important to ...", "It seems that ..." name nothing. */
const EXPLETIVE_IT =
  /^it\s+(?:(?:is|was|seems|seemed|appears|appeared)\s+(?:[\w-]+\s+){0,2}?(?:to|that|whether|how|why|when|if)\b|(?:seems|appears|turns\s+out|follows|takes\s+(?!place\b)))/i;

/**
 * A sentence opening with a pronoun ("They are called ...") says nothing on its own. When the
 * antecedent fits the pronoun's number, the pronoun is replaced by it ("Mitochondria are
 * called ..."); when it does not, the sentence is unusable (undefined). A demonstrative with a
 * noun ("This energy ...") is kept as it is unless the noun names the antecedent.
 */
export function resolveAnaphora(
  sentence: string,
  antecedent: Antecedent | undefined,
): string | undefined {
  const [first, second] = tokenise(sentence);
  if (first === undefined || first.start !== 0) return sentence;
  const word = first.text.toLowerCase();
  if (/^(?:it|they|he|she)['’]/.test(word)) return undefined;
  const personal = PERSONAL[word];
  if (personal !== undefined) {
    if (word === "it" && EXPLETIVE_IT.test(sentence)) return undefined;
    return replaceWith(sentence, first, personal, antecedent);
  }
  const plural = DEMONSTRATIVE_PLURAL[word];
  if (plural === undefined) return sentence;
  if (second === undefined) return undefined;
  const next = second.text.toLowerCase();
  if (AUXILIARIES.has(next)) {
    const third = tokenise(sentence.slice(second.end))[0]?.text.toLowerCase() ?? "";
    if (STATEMENT_POINTERS.has(third)) return undefined;
    return replaceWith(sentence, first, { plural, possessive: false }, antecedent);
  }
  const namesAntecedent =
    antecedent !== undefined &&
    antecedent.plural === plural &&
    contentKeys(antecedent.term).includes(keyOf(next));
  if (namesAntecedent)
    return replaceWith(sentence, second, { plural, possessive: false }, antecedent);
  // "This means that ...", "That led to ...": a verb after a lone demonstrative.
  const isVerb = /(?:[^siu]s|[^e]ed)$/.test(next) || next === "led";
  return !plural && isVerb ? undefined : sentence;
}

function replaceWith(
  sentence: string,
  upTo: Token,
  pronoun: Pronoun,
  antecedent: Antecedent | undefined,
): string | undefined {
  if (antecedent === undefined || antecedent.plural !== pronoun.plural) return undefined;
  const name = capitaliseFirst(antecedent.term.replace(/\s*\([^)]*\)/g, "").trim());
  const possessive = pronoun.possessive ? (name.endsWith("s") ? "'" : "'s") : "";
  return name + possessive + sentence.slice(upTo.end);
}

/** Whether a sentence opens with a term, so that its subject is that term: "Mitochondria have ...". */
export function opensWith(sentence: string, term: string): boolean {
  const words = (text: string): string[] =>
    tokenise(text.replace(/\([^)]*\)/g, " "))
      .map((token) => keyOf(token.text))
      .filter((key) => !/^(?:a|an|the)$/.test(key));
  const termWords = words(term);
  const opening = words(sentence).slice(0, termWords.length);
  return termWords.length > 0 && termWords.every((key, index) => opening[index] === key);
}
