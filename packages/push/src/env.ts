import { readFileSync } from "node:fs";
import { optionalSetting } from "@kai/config";
import { z } from "zod";
import { vapidPrivateKeySchema, vapidPublicKeySchema, vapidSubjectSchema } from "./vapid.ts";

/** The fields of a Google service-account key file that the FCM sender uses. */
export const serviceAccountSchema = z.object({
  client_email: z.string().min(1),
  /** PKCS#8 PEM; signs the OAuth2 assertion (RS256). */
  private_key: z.string().includes("PRIVATE KEY"),
  private_key_id: z.string().optional(),
  project_id: z.string().optional(),
  /** Where the assertion is exchanged for an access token; tests point it at a local server. */
  token_uri: z.url().default("https://oauth2.googleapis.com/token"),
});

export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

/**
 * FCM_SERVICE_ACCOUNT is the key file's JSON itself (handy in a secret store) or a path to
 * it (handy on disk); read once here so a missing file is listed with the other env errors.
 */
const serviceAccountInput = z.string().transform((value, ctx) => {
  let text = value;
  if (!value.trimStart().startsWith("{")) {
    try {
      text = readFileSync(value, "utf8");
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `cannot read ${value}: ${String(error)}` });
      return z.NEVER;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "is not JSON (nor a path to a JSON file)" });
    return z.NEVER;
  }
  const parsed = serviceAccountSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: `${issue.path.join(".")} ${issue.message}` });
    }
    return z.NEVER;
  }
  return parsed.data;
});

/**
 * The push settings of a service that sends push; it extends its own env with them
 * (`serviceEnv.extend({ ...pushEnv.shape, … }).superRefine(checkPushEnv)`). Everything is
 * optional: an unconfigured channel's sender answers `failed: not configured`.
 */
export const pushEnv = z.object({
  /** Web Push (VAPID) key pair, from `pnpm --filter @kai/push vapid-keys`. */
  VAPID_PUBLIC_KEY: optionalSetting(vapidPublicKeySchema),
  VAPID_PRIVATE_KEY: optionalSetting(vapidPrivateKeySchema),
  /** A contact for push services, `mailto:…` or `https://…`. */
  VAPID_SUBJECT: optionalSetting(vapidSubjectSchema),
  /** FCM HTTP v1's origin; tests point it at a local server. */
  FCM_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://fcm.googleapis.com"),
  /** The Firebase project; defaults to the service account's `project_id`. */
  FCM_PROJECT_ID: optionalSetting(z.string().min(1)),
  /** The service-account key, as JSON or a path to the JSON file. */
  FCM_SERVICE_ACCOUNT: optionalSetting(serviceAccountInput),
});

export type PushEnv = z.infer<typeof pushEnv>;

/**
 * A refinement for a service env that includes `pushEnv`: VAPID settings come as a set (a
 * public key without its private key is a typo, not a choice), and production needs them,
 * since `vapidPublicKey` is part of the API.
 */
export function checkPushEnv(
  env: Pick<PushEnv, "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT"> & {
    NODE_ENV?: string;
  },
  ctx: z.RefinementCtx,
): void {
  const vapid = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;
  const set = vapid.filter((name) => env[name] !== undefined);
  const needed = set.length > 0 || env.NODE_ENV === "production";
  for (const name of vapid) {
    if (needed && env[name] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message:
          set.length > 0
            ? "is required with the other VAPID settings"
            : "is required in production (clients need a VAPID key to subscribe)",
      });
    }
  }
}
