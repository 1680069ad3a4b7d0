import { comparable } from "./card.ts";
import { withoutLinks } from "./links.ts";
import { toBlocks } from "./markdown-blocks.ts";
import { looksLikeProse } from "./prose.ts";
import { splitSentences } from "./sentences.ts";
import { isCapitalised, isContentWord, keyOf, tokenise } from "./words.ts";

export interface TextProfile {
  /** Prose sentences in reading order, with markup and links removed. */
  sentences: readonly string[];
  /** How often each keyword (see keyOf) occurs across the sentences. */
  frequency: ReadonlyMap<string, number>;
  /** Lowercased words seen capitalised away from a sentence start, i.e. names. */
  properNouns: ReadonlySet<string>;
}

export function profileText(text: string): TextProfile {
  const sentences = distinct(
    toBlocks(text)
      .flatMap(splitSentences)
      .flatMap((sentence) => withoutLinks(sentence) ?? [])
      .filter(looksLikeProse),
  );
  const frequency = new Map<string, number>();
  const properNouns = new Set<string>();
  for (const sentence of sentences) {
    tokenise(sentence).forEach((token, index) => {
      if (isContentWord(token.text)) {
        const key = keyOf(token.text);
        frequency.set(key, (frequency.get(key) ?? 0) + 1);
      }
      if (index > 0 && isCapitalised(token.text)) properNouns.add(token.text.toLowerCase());
    });
  }
  return { sentences, frequency, properNouns };
}

/** Pasted text often repeats itself; a repeated sentence must not yield a second card. */
function distinct(sentences: readonly string[]): string[] {
  const seen = new Set<string>();
  return sentences.filter((sentence) => {
    const key = comparable(sentence);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
