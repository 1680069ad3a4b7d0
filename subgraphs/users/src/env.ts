import { loadEnv, serviceEnv } from "@kai/config";
import { mailEnv, requireSmtpInProduction } from "@kai/mail";
import { z } from "zod";
import { oidcProvidersSetting, requireHttpsProvidersInProduction } from "./oidc/providers.ts";

const usersSettings = serviceEnv.extend({
  ...mailEnv.shape,
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Access tokens are short-lived: a stolen one is useful for minutes, not days. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  /** Failed sign-ins allowed per email in LOGIN_WINDOW_SECONDS before RATE_LIMITED. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Comma-separated emails that register as ADMIN (analysts, operators). */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform(
      (list) =>
        new Set(
          list
            .split(",")
            .map((email) => email.trim().toLowerCase())
            .filter(Boolean),
        ),
    ),
  /**
   * OpenID Connect providers for loginWithIdToken, as JSON:
   * `{"google": {"issuer": "https://accounts.google.com", "clientId": "…"}}` (see oidc/providers.ts).
   */
  OIDC_PROVIDERS: oidcProvidersSetting,
  /**
   * Seconds after fetching a provider's keys before a token with an unknown `kid` may make
   * users fetch them again: bounds the requests forged kids cause, and delays picking up a
   * rotated key by at most this long.
   */
  OIDC_JWKS_COOLDOWN_SECONDS: z.coerce.number().min(0).default(30),
  /**
   * Account mails (password reset, email verification) one address may be sent per
   * ACCOUNT_MAIL_WINDOW_SECONDS; more asks get RATE_LIMITED, so nobody floods a mailbox.
   */
  ACCOUNT_MAILS_PER_ADDRESS: z.coerce.number().int().positive().default(5),
  /** Password-reset asks one client address may make per window, whatever the emails. */
  ACCOUNT_MAIL_REQUESTS_PER_CLIENT: z.coerce.number().int().positive().default(20),
  ACCOUNT_MAIL_WINDOW_SECONDS: z.coerce.number().int().positive().default(3600),
});

/** Production without SMTP_URL, or with a plain-http identity provider, is refused at start. */
export const usersEnv = usersSettings
  .superRefine(requireSmtpInProduction)
  .superRefine(requireHttpsProvidersInProduction);

export type UsersEnv = z.infer<typeof usersEnv>;

export const loadUsersEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(usersEnv, source);
