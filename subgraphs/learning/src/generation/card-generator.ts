import type { EventData } from "@kai/events";

/** The capture a deck is made from, as `captures.capture_created` describes it. */
export type CaptureSource = Omit<EventData<"captures.capture_created">, "captureId">;

export interface GeneratedCard {
  front: string;
  back: string;
}

export interface GeneratedDeck {
  topicName: string;
  cards: GeneratedCard[];
}

/**
 * Turns a capture into a topic name and flashcards. Implementations may call out (a language
 * model), so `generate` is async; judging whether the deck is good enough is not their job.
 */
export interface CardGenerator {
  /** Names the implementation in logs, e.g. "offline". */
  readonly name: string;
  /** At most `maxCards` cards; fewer (even none) when the capture holds too little. */
  generate(capture: CaptureSource, options: { maxCards: number }): Promise<GeneratedDeck>;
}
