import { comparable } from "./offline-generator/card.ts";

/** Two fronts that differ only in case, punctuation or spacing ask the same question. */
export const frontKey = (front: string): string => comparable(front);

/**
 * Drops cards whose front repeats an earlier card's or one already in `existingFronts` (the
 * fronts of the topic's subject), keeping the first of each in order.
 */
export function dropDuplicateCards<C extends { front: string }>(
  cards: readonly C[],
  existingFronts: Iterable<string> = [],
): C[] {
  const seen = new Set([...existingFronts].map(frontKey));
  return cards.filter((card) => {
    const key = frontKey(card.front);
    if (key === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
