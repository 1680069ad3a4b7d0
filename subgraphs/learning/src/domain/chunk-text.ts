/**
 * Splits a long capture into pieces of at most `maxChars`, each a model call. Paragraphs stay
 * whole when they fit; a longer one is cut between sentences, and only a single sentence
 * longer than the limit is cut mid-text (at a space when there is one).
 */
export function chunkText(text: string, maxChars: number): string[] {
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") chunks.push(current.trim());
    current = "";
  };
  const append = (piece: string, separator: string) => {
    if (current !== "" && current.length + separator.length + piece.length > maxChars) flush();
    current = current === "" ? piece : current + separator + piece;
  };
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (paragraph.trim() === "") continue;
    if (paragraph.length <= maxChars) {
      append(paragraph.trim(), "\n\n");
      continue;
    }
    for (const sentence of paragraph.match(/[^.!?]+(?:[.!?]+|$)/g) ?? []) {
      for (const piece of hardCut(sentence.trim(), maxChars)) append(piece, " ");
    }
  }
  flush();
  return chunks;
}

function hardCut(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(" ", maxChars);
    const cut = space > maxChars / 2 ? space : maxChars;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}
