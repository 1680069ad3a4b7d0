export interface Card {
  front: string;
  back: string;
}

export const MAX_FRONT_LENGTH = 300;
export const MAX_BACK_LENGTH = 500;

/** Case, punctuation and spacing differences do not make two cards different. */
export function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
