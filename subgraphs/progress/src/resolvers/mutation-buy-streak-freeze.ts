import { forbidden } from "@kai/errors";
import { requireViewer } from "@kai/service";
import { lockProgress, updateProgress } from "../db/progress.repo.ts";
import { localDate } from "../domain/local-date.ts";
import { settleMissedDays } from "../domain/streak.ts";
import { buyFreeze, MAX_STREAK_FREEZES, STREAK_FREEZE_PRICE } from "../domain/streak-freeze.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

const REFUSALS = {
  STREAK_FREEZE_LIMIT: `You already hold ${MAX_STREAK_FREEZES} streak freezes, the most you can`,
  INSUFFICIENT_POINTS: `A streak freeze costs ${STREAK_FREEZE_PRICE} points; you have fewer to spend`,
} as const;

export const buyStreakFreeze: MutationResolvers["buyStreakFreeze"] = async (_, __, ctx) => {
  const viewer = requireViewer(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await lockProgress(tx, viewer.id);
    // No row yet: users.user_created is not applied, so there are no points to spend either.
    if (!row) throw forbidden(REFUSALS.INSUFFICIENT_POINTS, { reason: "INSUFFICIENT_POINTS" });
    // Freezes due on days already missed are spent first, so one is never sold and spent twice.
    const settled = settleMissedDays(row, localDate(ctx.now(), row.timezone));
    const purchase = buyFreeze({ ...row, streakFreezes: settled.streakFreezes });
    if (!purchase.ok) throw forbidden(REFUSALS[purchase.reason], { reason: purchase.reason });
    const change = {
      streak: settled.streak,
      frozenThrough: settled.frozenThrough,
      streakFreezes: purchase.streakFreezes,
      pointsSpent: purchase.pointsSpent,
    };
    await updateProgress(tx, row.userId, change);
    return { ...row, ...change };
  });
};
