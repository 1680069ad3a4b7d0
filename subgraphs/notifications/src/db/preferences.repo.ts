import { type DbOrTx, uuidsOnly } from "@kai/db";
import { inArray, sql } from "drizzle-orm";
import type { ChannelSwitch } from "../domain/kinds.ts";
import type { QuietHours } from "../domain/local-time.ts";
import { channelSettings, preferences, recipients } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

/** What decides where and when a user's notifications go, defaults filled in. */
export interface EffectivePreferences {
  userId: string;
  /** The user's own zone for notifications, else their account's, else UTC. */
  timezone: string;
  /** True when the zone is the user's own choice here. */
  ownTimezone: boolean;
  quietHours: QuietHours | null;
  reminderTime: string;
  switches: ChannelSwitch[];
  /** The account's address; null before users.user_created arrived. */
  email: string | null;
}

export const DEFAULT_REMINDER_TIME = "09:00";

/** Several users' preferences in three statements, in no particular order. */
export async function findPreferences(
  db: DbOrTx<NotificationsSchema>,
  userIds: readonly string[],
): Promise<EffectivePreferences[]> {
  const users = uuidsOnly(userIds);
  if (users.length === 0) return [];
  const [own, accounts, switches] = await Promise.all([
    db.select().from(preferences).where(inArray(preferences.userId, users)),
    db.select().from(recipients).where(inArray(recipients.userId, users)),
    db.select().from(channelSettings).where(inArray(channelSettings.userId, users)),
  ]);
  const ownBy = new Map(own.map((row) => [row.userId, row]));
  const accountBy = new Map(accounts.map((row) => [row.userId, row]));
  return users.map((userId) => {
    const row = ownBy.get(userId);
    const account = accountBy.get(userId);
    return {
      userId,
      timezone: row?.timezone ?? account?.timezone ?? "UTC",
      ownTimezone: row?.timezone != null,
      quietHours:
        row?.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
      reminderTime: row?.reminderTime ?? DEFAULT_REMINDER_TIME,
      switches: switches.filter((s) => s.userId === userId),
      email: account?.email ?? null,
    };
  });
}

export async function findPreferencesOf(
  db: DbOrTx<NotificationsSchema>,
  userId: string,
): Promise<EffectivePreferences> {
  const [found] = await findPreferences(db, [userId]);
  if (!found) throw new RangeError(`not a user id: ${userId}`);
  return found;
}

/** The changes a user asked for; undefined leaves a setting as it is. */
export interface PreferencesChange {
  switches?: ChannelSwitch[];
  /** null removes quiet hours. */
  quietHours?: QuietHours | null;
  reminderTime?: string;
  /** null follows the account's zone again. */
  timezone?: string | null;
}

export async function updatePreferences(
  tx: DbOrTx<NotificationsSchema>,
  userId: string,
  change: PreferencesChange,
): Promise<void> {
  const set = {
    ...(change.quietHours !== undefined && {
      quietStart: change.quietHours?.start ?? null,
      quietEnd: change.quietHours?.end ?? null,
    }),
    ...(change.reminderTime !== undefined && { reminderTime: change.reminderTime }),
    ...(change.timezone !== undefined && { timezone: change.timezone }),
  };
  await tx
    .insert(preferences)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: preferences.userId, set: { ...set, updatedAt: sql`now()` } });
  if (change.switches && change.switches.length > 0) {
    await tx
      .insert(channelSettings)
      .values(change.switches.map((s) => ({ userId, ...s })))
      .onConflictDoUpdate({
        target: [channelSettings.userId, channelSettings.kind, channelSettings.channel],
        set: { enabled: sql`excluded.enabled` },
      });
  }
}
