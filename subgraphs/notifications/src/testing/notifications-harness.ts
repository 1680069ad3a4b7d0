import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildEvent, type EventData, type EventEnvelope, type EventType } from "@kai/events";
import type { PushSendersOptions } from "@kai/push";
import { startTestSubgraph, type TestSubgraph } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { gql } from "graphql-request";
import { notificationsSubgraph } from "../app.ts";
import { type NotificationRow, notifications, recipients } from "../db/schema.ts";
import type { NotificationsSchema } from "../db/tables.ts";
import { loadNotificationsEnv, type NotificationsEnv } from "../env.ts";

export interface NotificationsHarness extends TestSubgraph<NotificationsSchema, NotificationsEnv> {
  /** The dev mailbox the EMAIL channel's mail lands in (@kai/mail's readMailbox reads it). */
  mailDir: string;
  /** Moves the subgraph's clock (quiet hours, reminder windows). */
  setNow(at: Date): void;
  /** Publishes an event of another subgraph for the user, as its relay would. */
  publish<T extends EventType>(
    type: T,
    userId: string,
    data: EventData<T>,
    occurredAt?: Date,
  ): Promise<EventEnvelope<T>>;
  /** A user the subgraph knows (users.user_created applied), in the given zone. */
  newUser(timezone?: string): Promise<string>;
  /** The user's stored notifications, newest first, inbox or not. */
  stored(userId: string): Promise<NotificationRow[]>;
}

/** The notifications subgraph alone (see startTestSubgraph) on a clock the test moves. */
export async function startNotificationsHarness(
  start = new Date(),
  env: Record<string, string> = {},
  push: PushSendersOptions = {},
): Promise<NotificationsHarness> {
  let clock = start;
  // Mail goes to a dev mailbox of this harness's own, removed on dispose.
  const mailDir = mkdtempSync(join(tmpdir(), "kai-notifications-mail-"));
  const now = () => clock;
  const harness = await startTestSubgraph((e) => notificationsSubgraph(e, { now, push }), {
    loadEnv: loadNotificationsEnv,
    env: {
      REMINDER_SCAN_INTERVAL_SECONDS: "0.05",
      DELIVERY_POLL_INTERVAL_SECONDS: "0.05",
      MAIL_DIR: mailDir,
      ...env,
    },
  });
  const { db } = harness.subgraph.deps;
  const publish = async <T extends EventType>(
    type: T,
    userId: string,
    data: EventData<T>,
    occurredAt = clock,
  ) => {
    const event = buildEvent(type, userId, data, occurredAt);
    await harness.events.publish(event);
    return event;
  };
  return {
    ...harness,
    mailDir,
    async dispose() {
      await harness.dispose();
      rmSync(mailDir, { recursive: true, force: true });
    },
    setNow(at) {
      clock = at;
    },
    publish,
    async newUser(timezone = "UTC") {
      const userId = randomUUID();
      await publish("users.user_created", userId, {
        email: `${userId}@example.com`,
        name: "Learner",
        timezone,
        role: "USER",
      });
      await waitFor(
        async () =>
          (await db.select().from(recipients).where(eq(recipients.userId, userId))).length > 0 ||
          undefined,
        { what: `recipient ${userId}` },
      );
      return userId;
    },
    stored: (userId) =>
      db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(notifications.createdAt),
  };
}

export const INBOX = gql`
  query Inbox($id: ID!, $first: Int, $after: String, $unreadOnly: Boolean) {
    _entities(representations: [{ __typename: "User", id: $id }]) {
      ... on User {
        unreadNotificationCount
        notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
          edges {
            cursor
            node {
              id
              kind
              title
              body
              data
              createdAt
              readAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

export interface InboxAnswer {
  _entities: {
    unreadNotificationCount: number;
    notifications: {
      edges: {
        cursor: string;
        node: {
          id: string;
          kind: string;
          title: string;
          body: string;
          data: Record<string, unknown>;
          readAt: string | null;
        };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }[];
}

export const PREFERENCES = gql`
  query Preferences($id: ID!) {
    _entities(representations: [{ __typename: "User", id: $id }]) {
      ... on User {
        notificationPreferences {
          settings {
            kind
            channel
            enabled
          }
          quietHours {
            start
            end
          }
          dailyReminderTime
          timezone
        }
      }
    }
  }
`;

export const UPDATE_PREFERENCES = gql`
  mutation Update($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      quietHours {
        start
        end
      }
      dailyReminderTime
      timezone
      settings {
        kind
        channel
        enabled
      }
    }
  }
`;
