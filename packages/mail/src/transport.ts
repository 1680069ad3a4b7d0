import type { SendMailOptions } from "nodemailer";
import type { MailHeaders } from "./tables.ts";

/** One mail as the relay hands it to a transport: rendered, addressed and named. */
export interface OutgoingMail {
  /** The outbox row's id. */
  id: string;
  /** `<id@from-domain>`: the same on every attempt, so a resend is recognisably the same mail. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** When it was enqueued; the Date header, also the same on every attempt. */
  date: Date;
  /** Extra header fields, already checked by `mailHeadersSchema` when enqueued. */
  headers: MailHeaders;
}

/**
 * Where mail goes. The relay knows only this, so SMTP and the dev mailbox are adapters
 * beside it and tests can swap in either.
 */
export interface MailTransport {
  /** For logs: the SMTP server without credentials, or the mailbox directory. */
  readonly description: string;
  /** Resolves once the mail is accepted; rejects with the reason otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** The same message fields for every adapter, so the dev mailbox shows what SMTP would send. */
export function toNodemailer(mail: OutgoingMail): SendMailOptions {
  return {
    messageId: mail.messageId,
    date: mail.date,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // Prepared: emitted byte for byte, never re-encoded or folded, so List-Unsubscribe
    // arrives exactly as rendered. Safe because mailHeadersSchema allows one ASCII line only.
    headers: Object.fromEntries(
      Object.entries(mail.headers).map(([name, value]) => [name, { prepared: true, value }]),
    ),
  };
}
