/**
 * The single source of truth for scoring, so tuning a reward never means hunting for ifs.
 *
 * Fair points: a flashcard review scores only when the card was due (or new) at the moment it
 * was answered. Re-reviewing a card before it is due again is still logged and counted as a
 * review and as the day's activity, but earns 0 points, so drilling one card cannot climb the
 * leaderboard. Learning owns the schedule and states the verdict on each
 * `learning.flashcard_reviewed` event (`scored`); events from before the rule carry no verdict
 * and scored.
 */
export const POINT_RULES = {
  "learning.flashcard_reviewed": 10,
  "learning.topic_completed": 50,
} as const;

function hasRule(eventType: string): eventType is keyof typeof POINT_RULES {
  return Object.hasOwn(POINT_RULES, eventType);
}

/** What one event earns; `scored: false` (a review of a card that was not due) earns nothing. */
export function pointsFor(eventType: string, { scored = true }: { scored?: boolean } = {}): number {
  return hasRule(eventType) && scored ? POINT_RULES[eventType] : 0;
}
