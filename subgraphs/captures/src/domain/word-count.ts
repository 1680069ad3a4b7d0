/** Words as a reader counts them: runs of letters or digits, apostrophes and hyphens inside. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function wordCount(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
