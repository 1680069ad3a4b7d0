import type { Agent } from "node:https";
import type { PushEnv } from "./env.ts";
import { createAccessTokenSource } from "./fcm-access-token.ts";
import { createFcmSender, type FcmTarget } from "./fcm-sender.ts";
import type { PushSender } from "./sender.ts";
import { createWebPushSender, type WebPushTarget } from "./web-push-sender.ts";

export interface PushSenders {
  webPush: PushSender<WebPushTarget>;
  fcm: PushSender<FcmTarget>;
  /** What `vapidPublicKey` answers; undefined when Web Push is not configured. */
  vapidPublicKey: string | undefined;
}

export interface PushSendersOptions {
  /** See WebPushSenderOptions.agent. Default Node's global agent. */
  webPushAgent?: Agent;
  /** Per send, both channels. Default 10 s. */
  timeoutMs?: number;
}

/** Both channels from the parsed env; a channel whose settings are missing fails "not configured". */
export function createPushSenders(env: PushEnv, options: PushSendersOptions = {}): PushSenders {
  const vapid =
    env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY && env.VAPID_SUBJECT
      ? {
          publicKey: env.VAPID_PUBLIC_KEY,
          privateKey: env.VAPID_PRIVATE_KEY,
          subject: env.VAPID_SUBJECT,
        }
      : undefined;
  const account = env.FCM_SERVICE_ACCOUNT;
  const projectId = env.FCM_PROJECT_ID ?? account?.project_id;
  const fcmConfig =
    account && projectId
      ? {
          baseUrl: env.FCM_BASE_URL,
          projectId,
          accessToken: createAccessTokenSource({ serviceAccount: account }),
        }
      : undefined;
  return {
    webPush: createWebPushSender({
      vapid,
      ...(options.webPushAgent ? { agent: options.webPushAgent } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
    fcm: createFcmSender({
      config: fcmConfig,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
    vapidPublicKey: vapid?.publicKey,
  };
}
