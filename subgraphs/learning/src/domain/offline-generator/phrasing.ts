const LOWERCASE_FIRST_WORD = /^\p{Ll}[\p{Ll}'’-]*(?=[\s\p{P}]|$)/u;

/** Capitalises a leading plain lowercase word; "iPhone", "mRNA" and "1xx" keep their casing. */
export function capitaliseFirst(text: string): string {
  return LOWERCASE_FIRST_WORD.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function asSentence(text: string): string {
  return `${capitaliseFirst(text.trim().replace(/[\s.,;:!?]+$/, ""))}.`;
}

export function joinList(items: readonly string[]): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function truncateAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).replace(/[\s\p{P}]+$/u, "")}…`;
}
