import { type Card, comparable, MAX_BACK_LENGTH, MAX_FRONT_LENGTH } from "./card.ts";
import { truncateAtWord } from "./phrasing.ts";

/** Collects cards in priority order, enforcing the limits every generated card must meet. */
export class DeckBuilder {
  readonly cards: Card[] = [];
  private readonly fronts = new Set<string>();

  constructor(private readonly capacity: number) {}

  get isFull(): boolean {
    return this.cards.length >= this.capacity;
  }

  add(card: Card): boolean {
    if (this.isFull) return false;
    const front = card.front.trim();
    const back = truncateAtWord(card.back.trim(), MAX_BACK_LENGTH);
    const frontKey = comparable(front);
    const backKey = comparable(back);
    if (front.length > MAX_FRONT_LENGTH || frontKey === "" || backKey === "") return false;
    if (backKey.includes(frontKey) || this.fronts.has(frontKey)) return false;
    this.fronts.add(frontKey);
    this.cards.push({ front, back });
    return true;
  }
}
