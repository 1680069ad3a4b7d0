import type { FlashcardRow, TopicRow } from "../db/schema.ts";
import type { CardSchedule, DeckCard } from "./deck-card.ts";
import { pathsBelow } from "./deck-tree.ts";
import { fsrsStateOf } from "./fsrs-memory.ts";

/** A stored card's schedule as a deck file carries it; null until its first review. */
export function scheduleOf(card: FlashcardRow): CardSchedule | null {
  if (!card.lastReviewedAt) return null;
  const fsrs = fsrsStateOf(card.fsrs);
  return {
    ...(fsrs && { fsrs }),
    repetitions: card.repetitions,
    interval: card.interval,
    easeFactor: card.easeFactor,
    nextReview: card.nextReview,
    lastReviewedAt: card.lastReviewedAt,
  };
}

/** The cards of a topic's subtree as deck cards, each path starting with the topic's name. */
export function deckOf(
  root: TopicRow,
  tree: readonly TopicRow[],
  cards: readonly FlashcardRow[],
): DeckCard[] {
  const paths = pathsBelow(root.id, tree);
  return cards.map((card, index) => ({
    row: index + 1,
    path: [root.name, ...(paths.get(card.topicId) ?? [])],
    front: card.front,
    back: card.back,
    schedule: scheduleOf(card),
  }));
}

/** A download's file name: the topic's name reduced to safe characters, and the format's suffix. */
export function exportFileName(topicName: string, format: "APKG" | "CSV"): string {
  const base =
    topicName
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .slice(0, 80) || "deck";
  return `${base}.${format === "APKG" ? "apkg" : "csv"}`;
}
