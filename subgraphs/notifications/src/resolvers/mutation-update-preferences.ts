import { parseInput, requireViewer } from "@kai/service";
import { findPreferencesOf, updatePreferences } from "../db/preferences.repo.ts";
import { preferencesInput } from "../domain/preferences-input.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const updateNotificationPreferences: MutationResolvers["updateNotificationPreferences"] =
  async (_, { input }, ctx) => {
    const viewer = requireViewer(ctx);
    const parsed = parseInput(preferencesInput, input);
    await ctx.db.transaction((tx) =>
      updatePreferences(tx, viewer.id, {
        switches: parsed.settings ?? undefined,
        // Absent keeps quiet hours; an explicit null removes them.
        quietHours: "quietHours" in input ? (parsed.quietHours ?? null) : undefined,
        reminderTime: parsed.dailyReminderTime ?? undefined,
        timezone: "timezone" in input ? (parsed.timezone ?? null) : undefined,
      }),
    );
    return findPreferencesOf(ctx.db, viewer.id);
  };
