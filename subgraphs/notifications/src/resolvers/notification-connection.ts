import { decodeCursor, encodeCursor } from "@kai/db";
import { parseInput } from "@kai/service";
import { z } from "zod";
import type { NotificationsContext } from "../context.ts";
import type { NotificationRow } from "../db/schema.ts";
import type {
  NotificationConnectionResolvers,
  UserNotificationsArgs,
} from "../generated/graphql.ts";

/** A loaded page of one user's inbox. */
export interface InboxPage {
  rows: NotificationRow[];
  hasNextPage: boolean;
}

const pageArgs = z.object({
  first: z
    .number()
    .int()
    .min(1)
    .max(100)
    .nullish()
    .transform((first) => first ?? 20),
  after: z
    .string()
    .nullish()
    .transform((after, ctx) => {
      if (!after) return undefined;
      const cursor = decodeCursor(after);
      if (!cursor) ctx.addIssue({ code: "custom", message: "is not a cursor from this list" });
      return cursor;
    }),
  unreadOnly: z
    .boolean()
    .nullish()
    .transform((only) => only ?? false),
});

export async function loadInboxPage(
  ctx: NotificationsContext,
  userId: string,
  args: UserNotificationsArgs,
): Promise<InboxPage> {
  const { first, after, unreadOnly } = parseInput(pageArgs, args);
  // One row beyond the page tells whether another follows, without a count.
  const rows = await ctx.loaders.inboxPage({ limit: first + 1, after, unreadOnly }).load(userId);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}

export const NotificationConnection: NotificationConnectionResolvers = {
  edges: (page) => page.rows.map((node) => ({ cursor: encodeCursor(node), node })),
  pageInfo: (page) => {
    const last = page.rows.at(-1);
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(last) : null };
  },
};
