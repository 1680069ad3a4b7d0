import { join } from "node:path";
import type { MailEnv } from "./env.ts";
import { mailboxTransport } from "./mailbox.ts";
import { type SmtpTransportOptions, smtpTransport } from "./smtp-transport.ts";
import type { MailTransport } from "./transport.ts";

export type MailTransportEnv = Pick<MailEnv, "SMTP_URL" | "MAIL_DIR"> & {
  NODE_ENV: string;
  DATA_DIR: string;
};

/** The mail directory of development without SMTP_URL: MAIL_DIR, else `<DATA_DIR>/mailbox`. */
export const mailboxDir = (env: Pick<MailTransportEnv, "MAIL_DIR" | "DATA_DIR">) =>
  env.MAIL_DIR ?? join(env.DATA_DIR, "mailbox");

/**
 * The transport a service's env asks for: SMTP when SMTP_URL is set, else the dev mailbox.
 * Production without SMTP_URL throws, so the service refuses to start instead of dropping
 * mail (`requireSmtpInProduction` reports the same earlier, with the other env problems).
 */
export function createMailTransport(
  env: MailTransportEnv,
  smtp: SmtpTransportOptions = {},
): MailTransport {
  if (env.SMTP_URL) return smtpTransport(env.SMTP_URL, smtp);
  if (env.NODE_ENV === "production") {
    throw new Error("Invalid configuration:\n  SMTP_URL: is required in production");
  }
  return mailboxTransport(mailboxDir(env));
}
