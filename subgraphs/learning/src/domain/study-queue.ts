import type { StudySettings } from "./study-settings.ts";

/** What is left of today's limits once today's reviews are counted. */
export function remainingToday(
  settings: Pick<StudySettings, "dailyNewLimit" | "dailyReviewLimit">,
  today: { newCards: number; reviews: number },
): { newCards: number; reviews: number } {
  return {
    newCards: Math.max(0, settings.dailyNewLimit - today.newCards),
    reviews: Math.max(0, settings.dailyReviewLimit - today.reviews),
  };
}

/**
 * The cards to study now: due cards in the order given (soonest first), taking new cards only
 * while today's new-card allowance lasts and seen cards while the review allowance lasts.
 */
export function pickQueue<C extends { isNew: boolean }>(
  due: readonly C[],
  left: { newCards: number; reviews: number },
  limit: number,
): C[] {
  let newCards = left.newCards;
  let reviews = left.reviews;
  const queue: C[] = [];
  for (const card of due) {
    if (queue.length === limit) break;
    if (card.isNew ? newCards-- > 0 : reviews-- > 0) queue.push(card);
  }
  return queue;
}
