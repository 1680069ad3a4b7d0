import { DateTime, JSONScalar, viewerAsUser } from "@kai/service";
import type { Resolvers } from "../generated/graphql.ts";
import { markAllNotificationsRead, markNotificationsRead } from "./mutation-mark-read.ts";
import { registerDevice, registerPushSubscription } from "./mutation-register-push.ts";
import { updateNotificationPreferences } from "./mutation-update-preferences.ts";
import { Notification } from "./notification.ts";
import { NotificationConnection } from "./notification-connection.ts";
import { NotificationPreferences } from "./notification-preferences.ts";
import { vapidPublicKey } from "./query-vapid-public-key.ts";
import { User } from "./user.ts";

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: {
    me: viewerAsUser,
    vapidPublicKey,
  },
  Mutation: {
    markNotificationsRead,
    markAllNotificationsRead,
    updateNotificationPreferences,
    registerPushSubscription,
    registerDevice,
  },
  Notification,
  NotificationConnection,
  NotificationPreferences,
  User,
};
