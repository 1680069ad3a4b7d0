export interface ProgressSnapshot {
  points: number;
  level: number;
  streak: number;
  longestStreak: number;
  reviews: number;
  topicsCompleted: number;
}

export interface Achievement {
  key: string;
  title: string;
  description: string;
  unlocked(s: ProgressSnapshot): boolean;
}

/** A catalogue achievement as one user unlocked it. */
export interface UnlockedAchievement extends Achievement {
  unlockedAt: Date;
}

// Streak achievements read longestStreak so a broken streak never revokes what was earned.
export const ACHIEVEMENTS: readonly Achievement[] = [
  {
    key: "first-review",
    title: "First Review",
    description: "Review your first flashcard.",
    unlocked: (s) => s.reviews >= 1,
  },
  {
    key: "reviews-100",
    title: "Centurion",
    description: "Review 100 flashcards.",
    unlocked: (s) => s.reviews >= 100,
  },
  {
    key: "streak-3",
    title: "On a Roll",
    description: "Stay active 3 days in a row.",
    unlocked: (s) => s.longestStreak >= 3,
  },
  {
    key: "streak-7",
    title: "Week Warrior",
    description: "Stay active 7 days in a row.",
    unlocked: (s) => s.longestStreak >= 7,
  },
  {
    key: "streak-30",
    title: "Unstoppable",
    description: "Stay active 30 days in a row.",
    unlocked: (s) => s.longestStreak >= 30,
  },
  {
    key: "first-topic-completed",
    title: "Topic Conquered",
    description: "Complete your first topic.",
    unlocked: (s) => s.topicsCompleted >= 1,
  },
  {
    key: "level-5",
    title: "Rising Star",
    description: "Reach level 5.",
    unlocked: (s) => s.level >= 5,
  },
];

// The awarded ledger alone decides novelty (not a before/after comparison), so an
// achievement added after a user already qualified is still granted.
export function newlyUnlocked(
  after: ProgressSnapshot,
  alreadyUnlocked: ReadonlySet<string>,
): Achievement[] {
  return ACHIEVEMENTS.filter((a) => a.unlocked(after) && !alreadyUnlocked.has(a.key));
}

const byKey = new Map(ACHIEVEMENTS.map((a) => [a.key, a]));

/** The catalogue entry for a stored key; undefined for one since retired from the catalogue. */
export function achievementByKey(key: string): Achievement | undefined {
  return byKey.get(key);
}
