import type { EventData } from "@kai/events";

/**
 * The capture a deck is made from, as `captures.capture_created` describes it; `extracted`
 * when its content is text Kai read out of it (a page's article, a screenshot's OCR).
 */
export type CaptureSource = Omit<EventData<"captures.capture_created">, "captureId"> & {
  extracted?: boolean;
};

export interface DeckRequest {
  capture: CaptureSource;
  captureId: string;
  /** The capture's owner, whose AI budget and ledger the generation counts against. */
  userId: string;
  maxCards: number;
}

export interface GeneratedCard {
  front: string;
  back: string;
}

export type GeneratorName = "gemini" | "offline";

export interface GeneratedDeck {
  topicName: string;
  cards: GeneratedCard[];
  /** What actually made the cards (Gemini's chain may end with the offline generator). */
  generator: GeneratorName;
  /** Something the owner should be told, e.g. that their daily AI budget is spent. */
  note: string | null;
}

/**
 * Turns a capture into a topic name and flashcards. Implementations may call out (a language
 * model), so `generate` is async and must never throw for a bad answer: it falls back instead.
 * Judging whether the deck is good enough is not their job.
 */
export interface CardGenerator {
  /** Names the implementation in logs, e.g. "offline". */
  readonly name: string;
  /** At most `maxCards` cards; fewer (even none) when the capture holds too little. */
  generate(request: DeckRequest): Promise<GeneratedDeck>;
}
