/** A capture becomes a topic only with enough cards to be worth studying. */
export const MIN_CARDS = 3;
export const MAX_CARDS = 5;
export const MAX_TOPIC_NAME_LENGTH = 120;
const FALLBACK_TOPIC_NAME = "Untitled";

export type DeckVerdict<C> =
  | { usable: true; topicName: string; cards: C[] }
  | { usable: false; reason: string };

/** Keeps at most MAX_CARDS cards, or explains, in words a person can read, why there are too few. */
export function judgeDeck<C>(deck: { topicName: string; cards: readonly C[] }): DeckVerdict<C> {
  const found = deck.cards.length;
  if (found < MIN_CARDS) {
    const facts = found === 1 ? "1 usable fact" : `${found} usable facts`;
    return {
      usable: false,
      reason: `This capture has too little text to make flashcards from (found ${facts}; need ${MIN_CARDS})`,
    };
  }
  const name = deck.topicName.trim().slice(0, MAX_TOPIC_NAME_LENGTH).trim();
  return {
    usable: true,
    topicName: name === "" ? FALLBACK_TOPIC_NAME : name,
    cards: deck.cards.slice(0, MAX_CARDS),
  };
}
