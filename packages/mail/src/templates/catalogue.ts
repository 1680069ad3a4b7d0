import type { z } from "zod";
import type { RenderedMail } from "./layout.ts";
import { notification, notificationData } from "./notification.ts";
import { passwordChanged, passwordChangedData } from "./password-changed.ts";
import { resetPassword, resetPasswordData } from "./reset-password.ts";
import { verifyEmail, verifyEmailData } from "./verify-email.ts";

interface Template<S extends z.ZodType> {
  /** What the template needs; checked before rendering, so bad data fails the caller's mutation. */
  data: S;
  render(data: z.output<S>): RenderedMail;
}

const template = <S extends z.ZodType>(data: S, render: (data: z.output<S>) => RenderedMail) => ({
  data,
  render,
  parseAndRender: (input: unknown) => render(data.parse(input)),
});

/** Every mail Kai sends, by name. A new mail is a pure render function plus a line here. */
export const templates = {
  "verify-email": template(verifyEmailData, verifyEmail),
  "reset-password": template(resetPasswordData, resetPassword),
  "password-changed": template(passwordChangedData, passwordChanged),
  notification: template(notificationData, notification),
} satisfies Record<string, Template<z.ZodType>>;

export type TemplateName = keyof typeof templates;

/** The data a template takes (before defaults apply, e.g. password-changed's timeZone). */
export type TemplateData<T extends TemplateName> = z.input<(typeof templates)[T]["data"]>;

/** Validates the data and renders the mail; throws a ZodError when the data does not fit. */
export function renderMail<T extends TemplateName>(name: T, data: TemplateData<T>): RenderedMail {
  return templates[name].parseAndRender(data);
}
