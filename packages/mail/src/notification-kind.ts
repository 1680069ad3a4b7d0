import { z } from "zod";

/**
 * A notification kind as the notifications subgraph names it (DUE_CARDS, STREAK_AT_RISK, …).
 * Mail takes any such name rather than a closed list, so a new kind needs no change here.
 */
export const notificationKind = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "not a notification kind");

const LABELS: Record<string, string> = {
  DUE_CARDS: "due-card reminders",
  STREAK_AT_RISK: "streak reminders",
  LEVEL_UP: "level-up news",
  ACHIEVEMENT_UNLOCKED: "achievement news",
  CAPTURE_PROCESSED: "capture updates",
};

/** How a mail names the kind to its reader: "streak reminders". */
export function kindLabel(kind: string): string {
  return LABELS[kind] ?? `${kind.toLowerCase().replaceAll("_", " ")} notifications`;
}
