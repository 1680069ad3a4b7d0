export { createMailTransport, type MailTransportEnv, mailboxDir } from "./create-transport.ts";
export { enqueueMail, type MailMessage } from "./enqueue.ts";
export { fromAddress, type MailEnv, mailEnv, requireSmtpInProduction } from "./env.ts";
export { appLink, linkSchema } from "./link.ts";
export { type MailboxEntry, mailboxTransport, readMailbox } from "./mailbox.ts";
export { type MailRelay, type MailRelayOptions, startMailRelay } from "./relay.ts";
export { type SmtpTransportOptions, smtpTransport } from "./smtp-transport.ts";
export { type MailOutboxRow, mailOutbox } from "./tables.ts";
export {
  renderMail,
  type TemplateData,
  type TemplateName,
  templates,
} from "./templates/catalogue.ts";
export type { RenderedMail } from "./templates/layout.ts";
export type { MailTransport, OutgoingMail } from "./transport.ts";
