/**
 * Streak freezes, Duolingo-style: bought with points, each covers one missed local day and is
 * spent automatically on it (streak.ts, settleMissedDays). Buying spends points without
 * un-earning them: level and leaderboards count points earned, a purchase draws on the
 * balance (points earned minus points spent).
 */
export const STREAK_FREEZE_PRICE = 200;
export const MAX_STREAK_FREEZES = 2;

export type FreezePurchase =
  | { ok: true; streakFreezes: number; pointsSpent: number }
  | { ok: false; reason: "STREAK_FREEZE_LIMIT" | "INSUFFICIENT_POINTS" };

export function buyFreeze(account: {
  points: number;
  pointsSpent: number;
  streakFreezes: number;
}): FreezePurchase {
  if (account.streakFreezes >= MAX_STREAK_FREEZES)
    return { ok: false, reason: "STREAK_FREEZE_LIMIT" };
  if (account.points - account.pointsSpent < STREAK_FREEZE_PRICE)
    return { ok: false, reason: "INSUFFICIENT_POINTS" };
  return {
    ok: true,
    streakFreezes: account.streakFreezes + 1,
    pointsSpent: account.pointsSpent + STREAK_FREEZE_PRICE,
  };
}
