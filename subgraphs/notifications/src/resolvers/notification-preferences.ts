import type { EffectivePreferences } from "../db/preferences.repo.ts";
import { settingsMatrix } from "../domain/kinds.ts";
import type { NotificationPreferencesResolvers } from "../generated/graphql.ts";

export type { EffectivePreferences };

export const NotificationPreferences: NotificationPreferencesResolvers = {
  settings: (preferences) => settingsMatrix(preferences.switches),
  dailyReminderTime: (preferences) => preferences.reminderTime,
};
