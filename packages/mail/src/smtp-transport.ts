import { createTransport } from "nodemailer";
import { type MailTransport, toNodemailer } from "./transport.ts";

export interface SmtpTransportOptions {
  /**
   * How long to wait for the TCP (or TLS) connection. Default 10 s, not nodemailer's 2 min:
   * the relay holds the row's lock while it sends, and an unreachable server is better
   * retried later than waited on.
   */
  connectionTimeoutMs?: number;
  /** How long to wait for the server's greeting once connected. Default 10 s (nodemailer: 30 s). */
  greetingTimeoutMs?: number;
  /** Longest silence on an open connection before giving up. Default 30 s (nodemailer: 10 min). */
  socketTimeoutMs?: number;
}

/**
 * Sends over SMTP to `url` (`smtp://user:pass@host:port`, or `smtps://` for implicit TLS;
 * STARTTLS is used whenever the server offers it). One connection per mail, no pool: account
 * mail is rare and bursty, so there are no idle sockets to go stale and nothing to drain.
 */
export function smtpTransport(url: string, options: SmtpTransportOptions = {}): MailTransport {
  const transporter = createTransport({
    url,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
  });
  return {
    description: withoutCredentials(url),
    async send(mail) {
      await transporter.sendMail(toNodemailer(mail));
    },
    async close() {
      transporter.close();
    },
  };
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}
