import { isStopword, tokenise } from "./words.ts";

const MIN_WORDS = 4;
/** English sentences lean on function words; keyboard mashing and word lists do not. */
const MIN_STOPWORD_RATIO = 0.15;
const MIN_PRONOUNCEABLE_RATIO = 0.8;

export function looksLikeProse(sentence: string): boolean {
  const words = tokenise(sentence).map((token) => token.text);
  if (words.length < MIN_WORDS) return false;
  const stopwords = words.filter(isStopword).length;
  // Initials and abbreviations ("Dr", "U", "S") say nothing about whether the text is words.
  const lettered = words.filter((word) => /^[\p{L}'’-]{3,}$/u.test(word));
  const pronounceable = lettered.filter(
    (word) => /[aeiouy]/i.test(word) || /^\p{Lu}+$/u.test(word),
  );
  return (
    stopwords / words.length >= MIN_STOPWORD_RATIO &&
    pronounceable.length >= lettered.length * MIN_PRONOUNCEABLE_RATIO
  );
}
