import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Header fields a mail adds to the standard ones, by name; values are ASCII, unfolded. */
export type MailHeaders = Record<string, string>;

/**
 * Mail waiting to go out. Written in the same transaction as the change it tells the user
 * about (a failed mutation sends nothing); the mail relay sends it and stamps `sent_at`.
 * Every schema of a service that sends mail includes it, and that service generates the
 * migration.
 *
 * The mail is rendered when it is enqueued: a deploy that changes a template does not alter
 * mail already promised, and the relay needs no template code. The bodies carry live links
 * (tokens the users table only keeps hashed), so they are cleared once the mail is sent or
 * given up on; the rest of the row stays for inspection until the relay prunes it.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    /** Also names the mail's Message-ID, so a resend after a crash is recognisably the same mail. */
    id: uuid("id").primaryKey(),
    to: text("to").notNull(),
    /** The catalogue template it was rendered from, for inspection and logs. */
    template: text("template").notNull(),
    subject: text("subject").notNull(),
    /** Null once the mail reached a final state (sent or given up). */
    text: text("text"),
    html: text("html"),
    /**
     * Extra header fields by name, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC
     * 8058). Null when the mail has none, and cleared with the bodies: an unsubscribe link
     * carries a token too.
     */
    headers: jsonb("headers").$type<MailHeaders>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the relay may try (again); pushed back after each failure. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Set when the relay gave up: after its attempts, or at once on a permanent SMTP rejection. */
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_pending_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
  ],
);

export type MailOutboxRow = typeof mailOutbox.$inferSelect;
