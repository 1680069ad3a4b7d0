/**
 * A capture becomes a topic when it holds at least one usable fact: a two-sentence note makes
 * a one- or two-card topic rather than a failure. Longer material yields up to MAX_CARDS.
 */
export const MIN_CARDS = 1;
export const MAX_CARDS = 5;
export const MAX_TOPIC_NAME_LENGTH = 120;
const FALLBACK_TOPIC_NAME = "Untitled";

export type DeckVerdict<C> =
  | { usable: true; topicName: string; cards: C[] }
  | { usable: false; reason: string };

/** Keeps at most MAX_CARDS cards, or explains, in words a person can read, why there are none. */
export function judgeDeck<C>(deck: { topicName: string; cards: readonly C[] }): DeckVerdict<C> {
  if (deck.cards.length < MIN_CARDS) {
    return {
      usable: false,
      reason:
        "This capture has too little text to make flashcards from: Kai found no definition, list or key fact in it",
    };
  }
  const name = deck.topicName.trim().slice(0, MAX_TOPIC_NAME_LENGTH).trim();
  return {
    usable: true,
    topicName: name === "" ? FALLBACK_TOPIC_NAME : name,
    cards: deck.cards.slice(0, MAX_CARDS),
  };
}
