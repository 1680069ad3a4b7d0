import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@kai/db";
import { z } from "zod";
import { mailHeadersSchema } from "./headers.ts";
import { mailOutbox } from "./tables.ts";
import { renderMail, type TemplateData, type TemplateName } from "./templates/catalogue.ts";

/** One mail to send: a recipient, a template and that template's data. */
export type MailMessage = {
  [T in TemplateName]: { to: string; template: T; data: TemplateData<T> };
}[TemplateName];

const recipient = z.email();

/**
 * Renders a mail and writes it to the outbox inside the caller's transaction: it is sent if
 * and only if that transaction commits. The address and data are checked here, so a bad
 * mail fails the mutation instead of the relay. Kick the relay after the commit to send it
 * at once rather than at its next poll.
 */
export async function enqueueMail<S extends Record<string, unknown>>(
  tx: DbOrTx<S>,
  message: MailMessage,
): Promise<{ id: string }> {
  const to = recipient.parse(message.to);
  const { subject, text, html, headers } = renderMail(message.template, message.data);
  const id = randomUUID();
  await tx.insert(mailOutbox).values({
    id,
    to,
    template: message.template,
    subject,
    text,
    html,
    headers: headers === undefined ? null : mailHeadersSchema.parse(headers),
  });
  return { id };
}
