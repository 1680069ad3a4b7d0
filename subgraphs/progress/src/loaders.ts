import type { Db } from "@kai/db";
import { loadGroupsByKey, loadRowsByKey } from "@kai/service";
import type DataLoader from "dataloader";
import { findAchievementsByUserIds } from "./db/achievements.repo.ts";
import { findRecentDailyActivity } from "./db/daily-activity.repo.ts";
import { findProgressByUserIds } from "./db/progress.repo.ts";
import type { DailyActivityRow } from "./db/schema.ts";
import type { ProgressSchema } from "./db/tables.ts";

export function createLoaders(db: Db<ProgressSchema>) {
  const dailyActivityByDays = new Map<number, DataLoader<string, DailyActivityRow[]>>();
  return {
    progressByUserId: loadRowsByKey(
      (userIds: readonly string[]) => findProgressByUserIds(db, userIds),
      (row) => row.userId,
    ),
    achievementsByUserId: loadGroupsByKey(
      (userIds: readonly string[]) => findAchievementsByUserIds(db, userIds),
      (row) => row.userId,
    ),
    /** One loader per window length: users asked about with the same `days` share one query. */
    dailyActivity(days: number): DataLoader<string, DailyActivityRow[]> {
      let loader = dailyActivityByDays.get(days);
      if (!loader) {
        loader = loadGroupsByKey(
          (userIds: readonly string[]) => findRecentDailyActivity(db, userIds, days),
          (row) => row.userId,
        );
        dailyActivityByDays.set(days, loader);
      }
      return loader;
    },
  };
}
