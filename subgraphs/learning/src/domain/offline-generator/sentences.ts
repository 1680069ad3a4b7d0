/** Words whose trailing period does not end a sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "al",
  "approx",
  "apr",
  "aug",
  "cf",
  "corp",
  "dec",
  "dept",
  "dr",
  "e.g",
  "etc",
  "feb",
  "fig",
  "i.e",
  "inc",
  "jan",
  "jr",
  "jul",
  "jun",
  "ltd",
  "mr",
  "mrs",
  "ms",
  "nov",
  "oct",
  "prof",
  "sep",
  "sept",
  "sr",
  "st",
  "vs",
]);

const BOUNDARY = /[.!?…]+["'’”)\]]*\s+(?=["'‘“([]?[\p{Lu}\p{N}])/gu;

export function splitSentences(block: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of block.matchAll(BOUNDARY)) {
    if (endsWithAbbreviation(block.slice(start, match.index), match[0])) continue;
    sentences.push(block.slice(start, match.index + match[0].trimEnd().length).trim());
    start = match.index + match[0].length;
  }
  sentences.push(block.slice(start).trim());
  return sentences.filter((sentence) => sentence.length > 0);
}

function endsWithAbbreviation(before: string, punctuation: string): boolean {
  if (!punctuation.startsWith(".")) return false;
  const word = /[\p{L}.]+$/u.exec(before)?.[0] ?? "";
  return (
    ABBREVIATIONS.has(word.toLowerCase()) ||
    /^\p{Lu}$/u.test(word) ||
    /^(?:\p{L}\.)+\p{L}$/u.test(word)
  );
}
