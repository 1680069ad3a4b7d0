import { optionalSetting } from "@kai/config";
import addressparser from "nodemailer/lib/addressparser";
import { z } from "zod";

/** The one address in a From value such as `Kai <no-reply@kai.local>`, if it has exactly one. */
export function fromAddress(from: string): string | undefined {
  const parsed = addressparser(from, { flatten: true });
  return parsed.length === 1 && parsed[0]?.address.includes("@") ? parsed[0].address : undefined;
}

/**
 * The mail settings of a service that sends mail; it extends its own env with them
 * (`serviceEnv.extend({ ...mailEnv.shape, … }).superRefine(requireSmtpInProduction)`).
 */
export const mailEnv = z.object({
  /**
   * The SMTP server mail goes out through, e.g. `smtp://user:pass@127.0.0.1:1025` or
   * `smtps://…` for implicit TLS. Unset in development: mails land in the dev mailbox.
   */
  SMTP_URL: optionalSetting(z.url({ protocol: /^smtps?$/ })),
  /** The From of every mail; its domain also names the Message-IDs. */
  MAIL_FROM: z
    .string()
    .default("Kai <no-reply@kai.local>")
    .refine((from) => fromAddress(from) !== undefined, "must hold exactly one email address"),
  /** The dev mailbox without SMTP_URL. Default `<DATA_DIR>/mailbox`. */
  MAIL_DIR: optionalSetting(z.string()),
  /** Where the web app lives: links in mails point at `${PUBLIC_APP_URL}/<path>?token=…`. */
  PUBLIC_APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
});

export type MailEnv = z.infer<typeof mailEnv>;

/**
 * A refinement for a service env that includes `mailEnv`: production without SMTP_URL is a
 * configuration error, listed with the others at start, rather than mail silently parked in
 * a directory nobody reads.
 */
export function requireSmtpInProduction(
  env: { NODE_ENV: string; SMTP_URL?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV === "production" && !env.SMTP_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_URL"],
      message: "is required in production (mail would otherwise never leave the machine)",
    });
  }
}

/**
 * Development's stand-in for UNSUBSCRIBE_SECRET, so a fresh checkout starts without one;
 * production refuses it (requireUnsubscribeSecretInProduction).
 */
const DEV_UNSUBSCRIBE_SECRET = "kai-development-unsubscribe-secret-not-for-production";

/**
 * The settings of a service that makes or checks unsubscribe tokens (signUnsubscribeToken);
 * it extends its env with them like with `mailEnv`.
 */
export const unsubscribeEnv = z.object({
  /**
   * The HMAC key of unsubscribe tokens, at least 32 characters (`openssl rand -base64 48`).
   * Changing it voids every unsubscribe link already mailed. Unset in development: a fixed
   * development key.
   */
  UNSUBSCRIBE_SECRET: optionalSetting(z.string().min(32)),
});

/** A refinement for a service env that includes `unsubscribeEnv`: production needs a real key. */
export function requireUnsubscribeSecretInProduction(
  env: { NODE_ENV: string; UNSUBSCRIBE_SECRET?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV === "production" && !env.UNSUBSCRIBE_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["UNSUBSCRIBE_SECRET"],
      message: "is required in production (anyone could forge unsubscribe links otherwise)",
    });
  }
}

/** The key to sign and verify unsubscribe tokens with: UNSUBSCRIBE_SECRET, or development's. */
export function unsubscribeSecret(env: {
  NODE_ENV: string;
  UNSUBSCRIBE_SECRET?: string | undefined;
}): string {
  if (env.UNSUBSCRIBE_SECRET) return env.UNSUBSCRIBE_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error("Invalid configuration:\n  UNSUBSCRIBE_SECRET: is required in production");
  }
  return DEV_UNSUBSCRIBE_SECRET;
}
