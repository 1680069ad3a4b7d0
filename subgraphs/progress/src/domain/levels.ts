// Quadratic curve: level n starts at 100·(n−1)² points, so each level needs 200 more
// points than the last and progress keeps feeling earned without stalling early.
const POINTS_SCALE = 100;

function assertPoints(points: number): void {
  if (!Number.isFinite(points) || points < 0) {
    throw new RangeError(`Points must be a finite, non-negative number: ${points}`);
  }
}

export function pointsForLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1) {
    throw new RangeError(`Level must be an integer of at least 1: ${level}`);
  }
  return POINTS_SCALE * (level - 1) ** 2;
}

export function levelFor(points: number): number {
  assertPoints(points);
  const estimate = Math.floor(Math.sqrt(points / POINTS_SCALE)) + 1;
  // sqrt can land a hair either side of an exact boundary; nudge onto the true level.
  if (pointsForLevel(estimate) > points) return estimate - 1;
  if (pointsForLevel(estimate + 1) <= points) return estimate + 1;
  return estimate;
}

export interface LevelProgress {
  level: number;
  currentLevelPoints: number;
  nextLevelPoints: number;
}

export function progressToNextLevel(points: number): LevelProgress {
  const level = levelFor(points);
  return {
    level,
    currentLevelPoints: pointsForLevel(level),
    nextLevelPoints: pointsForLevel(level + 1),
  };
}
