/**
 * @kai/push: the push channels behind one interface, for a dispatcher that owns its own
 * deliveries table.
 *
 *   const env = serviceEnv.extend(pushEnv.shape).superRefine(checkPushEnv).parse(process.env);
 *   const push = createPushSenders(env);          // { webPush, fcm, vapidPublicKey }
 *   const result = await push.webPush.send(subscription, { title, body, data, url });
 *   // sent → done · gone → delete the subscription/device · failed → give up (log reason)
 *   // retry → due again in backoffDelayMs(attempts, result.afterMs)
 *
 * A send makes one attempt with a timeout and never throws, so a consumer never waits on
 * a push service. Validate `registerPushSubscription` input with webPushTargetSchema.
 */
export { type BackoffOptions, backoffDelayMs } from "./backoff.ts";
export {
  checkPushEnv,
  type PushEnv,
  pushEnv,
  type ServiceAccount,
  serviceAccountSchema,
} from "./env.ts";
export {
  type AccessTokenSource,
  type AccessTokenSourceOptions,
  createAccessTokenSource,
  FCM_SCOPE,
} from "./fcm-access-token.ts";
export {
  createFcmSender,
  type FcmSenderOptions,
  type FcmTarget,
  fcmRequestBody,
} from "./fcm-sender.ts";
export { createPushSenders, type PushSenders, type PushSendersOptions } from "./from-env.ts";
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry-after.ts";
export {
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TTL_SECONDS,
  type PushMessage,
  type PushSender,
  type SendOptions,
  type SendResult,
  type Urgency,
} from "./sender.ts";
export { generateVapidKeys, type VapidKeys } from "./vapid.ts";
export {
  createWebPushSender,
  type WebPushSenderOptions,
  type WebPushTarget,
  webPushPayload,
  webPushTargetSchema,
} from "./web-push-sender.ts";
