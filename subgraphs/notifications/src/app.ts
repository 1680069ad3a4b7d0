import { fileURLToPath } from "node:url";
import { createMailTransport, startMailRelay, unsubscribeSecret } from "@kai/mail";
import { createPushSenders, generateVapidKeys, type PushSendersOptions } from "@kai/push";
import { loadSchema, type Resources, type SubgraphDefinition } from "@kai/runtime";
import type { NotificationsContext } from "./context.ts";
import { type NotificationsSchema, schema } from "./db/tables.ts";
import { storedVapidKeys } from "./db/vapid.repo.ts";
import { startDispatcher } from "./delivery/dispatcher.ts";
import { emailChannel } from "./delivery/email-channel.ts";
import { pushChannel } from "./delivery/push-channel.ts";
import type { NotificationsEnv } from "./env.ts";
import { achievementUnlockedConsumer } from "./events/consumers/achievement-unlocked.ts";
import { captureProcessedConsumer } from "./events/consumers/capture-processed.ts";
import { flashcardsDueConsumer } from "./events/consumers/flashcards-due.ts";
import { levelUpConsumer } from "./events/consumers/level-up.ts";
import { streakAtRiskConsumer } from "./events/consumers/streak-at-risk.ts";
import { userCreatedConsumer } from "./events/consumers/user-created.ts";
import { userDeletedConsumer } from "./events/consumers/user-deleted.ts";
import { userUpdatedConsumer } from "./events/consumers/user-updated.ts";
import { createLoaders } from "./loaders.ts";
import { startReminderScheduler } from "./reminders/reminder-scheduler.ts";
import { resolvers } from "./resolvers/index.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

/** The contact development's generated VAPID keys name when VAPID_SUBJECT is unset. */
const DEV_VAPID_SUBJECT = "mailto:dev@kai.local";

export interface NotificationsOptions {
  /** The clock for quiet hours and reminder windows. Default: the system clock; tests fix it. */
  now?: () => Date;
  /** For the push senders, e.g. an agent trusting a test push service's certificate. */
  push?: PushSendersOptions;
}

interface NotificationsResources extends Resources {
  vapidPublicKey: string;
  senders: ReturnType<typeof createPushSenders>;
  /** Sends the mail outbox now rather than at the relay's next poll. */
  kickMail(): void;
}

export function notificationsSubgraph(
  env: NotificationsEnv,
  { now = () => new Date(), push = {} }: NotificationsOptions = {},
): SubgraphDefinition<NotificationsSchema, NotificationsContext, NotificationsResources> {
  return {
    name: "notifications",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    // Production configures VAPID keys (the env refuses to start without them); elsewhere a
    // pair is made once and kept in the database, so every replica signs with the same one
    // and browsers' subscriptions survive restarts.
    setup: async ({ db, log }) => {
      const keys =
        env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
          ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY }
          : await storedVapidKeys(db, generateVapidKeys);
      const senders = createPushSenders(
        {
          ...env,
          VAPID_PUBLIC_KEY: keys.publicKey,
          VAPID_PRIVATE_KEY: keys.privateKey,
          VAPID_SUBJECT: env.VAPID_SUBJECT ?? DEV_VAPID_SUBJECT,
        },
        push,
      );
      // SMTP (SMTP_URL), or in development without it the dev mailbox `pnpm mailbox` reads.
      const transport = createMailTransport(env);
      const relay = startMailRelay({ db, transport, log, from: env.MAIL_FROM });
      return {
        vapidPublicKey: keys.publicKey,
        senders,
        kickMail: () => relay.kick(),
        async close() {
          await relay.stop();
          await transport.close();
        },
      };
    },
    context: ({ db, vapidPublicKey }, base) => ({
      ...base,
      db,
      env,
      loaders: createLoaders(db),
      vapidPublicKey,
      now,
    }),
    consumers: () => [
      userCreatedConsumer(),
      userUpdatedConsumer(),
      userDeletedConsumer(),
      captureProcessedConsumer(),
      levelUpConsumer(),
      achievementUnlockedConsumer(),
      streakAtRiskConsumer(),
      flashcardsDueConsumer(),
    ],
    routes: (app, { db }) => unsubscribeRoutes(app, db, unsubscribeSecret(env)),
    background: async ({ db, log, senders, kickMail }) => [
      startReminderScheduler({
        db,
        log,
        now,
        intervalMs: env.REMINDER_SCAN_INTERVAL_SECONDS * 1000,
      }),
      startDispatcher({
        db,
        log,
        now,
        senders: {
          PUSH: pushChannel(db, senders, now),
          EMAIL: emailChannel(db, {
            appUrl: env.PUBLIC_APP_URL,
            unsubscribeUrl: env.UNSUBSCRIBE_URL,
            secret: unsubscribeSecret(env),
            kick: kickMail,
          }),
        },
        intervalMs: env.DELIVERY_POLL_INTERVAL_SECONDS * 1000,
      }),
    ],
  };
}
