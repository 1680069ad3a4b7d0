export { createMailTransport, type MailTransportEnv, mailboxDir } from "./create-transport.ts";
export { enqueueMail, type MailMessage } from "./enqueue.ts";
export {
  fromAddress,
  type MailEnv,
  mailEnv,
  requireSmtpInProduction,
  requireUnsubscribeSecretInProduction,
  unsubscribeEnv,
  unsubscribeSecret,
} from "./env.ts";
export { mailHeadersSchema } from "./headers.ts";
export { appLink, linkSchema } from "./link.ts";
export { type MailboxEntry, mailboxTransport, readMailbox } from "./mailbox.ts";
export { kindLabel, notificationKind } from "./notification-kind.ts";
export { type MailRelay, type MailRelayOptions, startMailRelay } from "./relay.ts";
export { type SmtpTransportOptions, smtpTransport } from "./smtp-transport.ts";
export { type MailHeaders, type MailOutboxRow, mailOutbox } from "./tables.ts";
export {
  renderMail,
  type TemplateData,
  type TemplateName,
  templates,
} from "./templates/catalogue.ts";
export type { RenderedMail } from "./templates/layout.ts";
export type { NotificationData } from "./templates/notification.ts";
export type { MailTransport, OutgoingMail } from "./transport.ts";
export {
  type Unsubscribe,
  unsubscribeHeaders,
  unsubscribeMailtoSchema,
  unsubscribeUrlSchema,
} from "./unsubscribe.ts";
export {
  MIN_SECRET_LENGTH,
  signUnsubscribeToken,
  type UnsubscribeClaim,
  verifyUnsubscribeToken,
} from "./unsubscribe-token.ts";
