const URL = /(?:https?:\/\/|www\.)\S+/gi;
/** Fewer words than this cannot hold three facts; asking a model about them only costs money. */
const MIN_WORDS = 6;

/**
 * Whether a capture has enough words (in any language, links aside) to be worth a model
 * call. Anything less goes straight to the offline generator, which says why it is too thin.
 */
export function worthAskingModel(text: string): boolean {
  const words = text.replace(URL, " ").match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  return words.length >= MIN_WORDS;
}

/**
 * Joins the decks made from a long capture's chunks: the first chunk names the topic, and
 * cards are taken in turn from each chunk so every part of the text is asked about.
 */
export function mergeDecks<C>(decks: readonly { topicName: string; cards: readonly C[] }[]): {
  topicName: string;
  cards: C[];
} {
  const cards: C[] = [];
  const longest = Math.max(0, ...decks.map((deck) => deck.cards.length));
  for (let index = 0; index < longest; index++) {
    for (const deck of decks) {
      const card = deck.cards[index];
      if (card !== undefined) cards.push(card);
    }
  }
  return { topicName: decks[0]?.topicName ?? "", cards };
}
