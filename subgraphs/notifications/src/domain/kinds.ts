import type { NotificationChannel, NotificationKind } from "../generated/graphql.ts";

export const KINDS: readonly NotificationKind[] = [
  "DUE_CARDS",
  "STREAK_AT_RISK",
  "LEVEL_UP",
  "ACHIEVEMENT_UNLOCKED",
  "CAPTURE_PROCESSED",
];

export const CHANNELS: readonly NotificationChannel[] = ["IN_APP", "PUSH", "EMAIL"];

/**
 * What a user gets before changing anything: everything in the app and on their devices;
 * mail only for what brings them back to study (reminders), not for every celebration.
 */
const EMAIL_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set(["DUE_CARDS", "STREAK_AT_RISK"]);

export function enabledByDefault(kind: NotificationKind, channel: NotificationChannel): boolean {
  return channel !== "EMAIL" || EMAIL_BY_DEFAULT.has(kind);
}

export interface ChannelSwitch {
  kind: string;
  channel: string;
  enabled: boolean;
}

/** The full kind × channel matrix: the user's switches over the defaults. */
export function settingsMatrix(switches: readonly ChannelSwitch[]) {
  const own = new Map(switches.map((s) => [`${s.kind}/${s.channel}`, s.enabled]));
  return KINDS.flatMap((kind) =>
    CHANNELS.map((channel) => ({
      kind,
      channel,
      enabled: own.get(`${kind}/${channel}`) ?? enabledByDefault(kind, channel),
    })),
  );
}

/** The channels one kind goes out on for a user with these switches. */
export function channelsFor(
  switches: readonly ChannelSwitch[],
  kind: NotificationKind,
): NotificationChannel[] {
  return settingsMatrix(switches)
    .filter((setting) => setting.kind === kind && setting.enabled)
    .map((setting) => setting.channel);
}
