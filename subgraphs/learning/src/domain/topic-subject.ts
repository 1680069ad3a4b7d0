const LEADING_ARTICLE = /^(?:the|a|an)\s+/;

/**
 * What a topic is about, for telling whether two topics share a subject: case, accents,
 * punctuation, a leading article and a plural "s" make no difference ("The Rocks!" is
 * "rock"). Deliberately literal: "Photosynthesis" and "Plant biology" are different subjects.
 */
export function subjectKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(LEADING_ARTICLE, "")
    .split(" ")
    .map(singular)
    .join(" ");
}

function singular(word: string): string {
  if (word.length <= 3 || /(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/**
 * The topic a new one on `name` belongs under: the oldest of the owner's topics on the same
 * subject (the first one anchors the subject; later ones become its children).
 */
export function findSubjectParent<T extends { name: string; createdAt: Date }>(
  name: string,
  existing: readonly T[],
): T | undefined {
  const key = subjectKey(name);
  if (key === "") return undefined;
  return existing
    .filter((topic) => subjectKey(topic.name) === key)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
}
