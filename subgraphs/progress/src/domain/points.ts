// The single source of truth for scoring, so tuning a reward never means hunting for ifs.
export const POINT_RULES = {
  "learning.flashcard_reviewed": 10,
  "learning.topic_completed": 50,
} as const;

function hasRule(eventType: string): eventType is keyof typeof POINT_RULES {
  return Object.hasOwn(POINT_RULES, eventType);
}

export function pointsFor(eventType: string): number {
  return hasRule(eventType) ? POINT_RULES[eventType] : 0;
}
