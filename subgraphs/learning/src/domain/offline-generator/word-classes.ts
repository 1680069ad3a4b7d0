/**
 * Words that open a modifier rather than a noun phrase. A definition body or list item that
 * starts with one ("found in leaves", "usually higher") describes its subject instead of
 * naming what it is.
 */
const NON_NOMINAL: ReadonlySet<string> = new Set(
  `able about above across after against along also always among around at before behind being
  below beneath beside between beyond both born broken built by chosen done drawn driven during
  each either even fallen felt for found from given grown held here hidden higher in inside into
  just kept known larger left less likely lost lower made meant more most near neither never not
  now of off often on only onto out outside over paid put responsible said seen sent set shown
  smaller sold sometimes spent still taken then there thought through throughout to told too
  toward towards under unable until up upon usually very with within without won worse written
  better bigger greater fewer all`.split(/\s+/),
);

/** Prepositions that follow adjectives ("essential for", "similar to", "rich in"). */
const ADJECTIVE_COMPLEMENTS: ReadonlySet<string> = new Set([
  "at",
  "for",
  "from",
  "in",
  "on",
  "than",
  "to",
  "with",
]);

const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(["that", "which", "who", "whose", "where"]);

export function startsLikeModifier(word: string): boolean {
  const w = word.toLowerCase();
  return NON_NOMINAL.has(w) || (w.length > 4 && (w.endsWith("ly") || w.endsWith("ed")));
}

/** "essential for life" reads as an adjective phrase, "organelles of the cell" as a noun phrase. */
export function isAdjectiveComplement(word: string): boolean {
  return ADJECTIVE_COMPLEMENTS.has(word.toLowerCase());
}

/** Words that, straight after a head noun, show the noun is being defined ("organelles that"). */
export function startsPostModifier(word: string): boolean {
  const w = word.toLowerCase();
  return RELATIVE_PRONOUNS.has(w) || (w.length > 4 && (w.endsWith("ed") || w.endsWith("ing")));
}
