import type { DeckCard } from "./deck-card.ts";

/** Topic names of a deck's paths, joined where a Map needs one key per path. */
export const pathKey = (path: readonly string[]) => JSON.stringify(path);

/** Distinct decks one import may make; more is a file to split, not a deck. */
export const MAX_DECKS = 1_000;

/**
 * Where an import's cards go: one new top topic, named after the file's single top deck (its
 * cards' paths then start below it), or `fallbackName` when the file has none or several.
 */
export function deckRoot(
  cards: readonly DeckCard[],
  fallbackName: string,
): { rootName: string; cards: DeckCard[] } {
  const tops = new Set(cards.map((card) => card.path[0]));
  const [only] = tops;
  if (tops.size === 1 && only !== undefined)
    return { rootName: only, cards: cards.map((card) => ({ ...card, path: card.path.slice(1) })) };
  return { rootName: fallbackName, cards: [...cards] };
}

/** Every path the cards need as a topic, parents before children (the root, `[]`, first). */
export function deckPaths(cards: readonly DeckCard[]): string[][] {
  const seen = new Map<string, string[]>([[pathKey([]), []]]);
  for (const card of cards)
    for (let depth = 1; depth <= card.path.length; depth++) {
      const path = card.path.slice(0, depth);
      seen.set(pathKey(path), path);
    }
  return [...seen.values()].sort((a, b) => a.length - b.length);
}

/** Each topic's path below `rootId`, from a subtree's (id, parentId, name) rows. */
export function pathsBelow(
  rootId: string,
  topics: readonly { id: string; parentId: string | null; name: string }[],
): Map<string, string[]> {
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const paths = new Map<string, string[]>([[rootId, []]]);
  const pathOf = (id: string): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const topic = byId.get(id);
    if (!topic?.parentId) return [];
    const path = [...pathOf(topic.parentId), topic.name];
    paths.set(id, path);
    return path;
  };
  for (const topic of topics) pathOf(topic.id);
  return paths;
}
