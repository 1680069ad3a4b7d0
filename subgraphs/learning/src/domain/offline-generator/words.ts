import { STOPWORDS } from "./stopwords.ts";

export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function tokenise(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** A word that can say what a text is about: not a function word, and not a bare number. */
export function isContentWord(word: string): boolean {
  return word.length >= 3 && /\p{L}/u.test(word) && !isStopword(word);
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Folds case, possessives and regular plurals so "Codes" and "code" count as one keyword. */
export function keyOf(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, "");
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(?:ss|ch|sh|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

export function contentKeys(text: string): string[] {
  return tokenise(text)
    .filter((token) => isContentWord(token.text))
    .map((token) => keyOf(token.text));
}
