import { z } from "zod";
import { linkSchema } from "../link.ts";
import { kindLabel, notificationKind } from "../notification-kind.ts";
import {
  unsubscribeHeaders,
  unsubscribeMailtoSchema,
  unsubscribeUrlSchema,
} from "../unsubscribe.ts";
import { html } from "./html.ts";
import { button, htmlDocument, linkFallback, type RenderedMail, textBody } from "./layout.ts";

/** One line: it becomes the Subject, where a line break would end the header. */
const oneLine = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((text) => !/[\r\n]/.test(text), "must be one line");

export const notificationData = z.object({
  /** DUE_CARDS, STREAK_AT_RISK, …: names what the reader opts out of. */
  kind: notificationKind,
  /** The subject and the heading. */
  title: oneLine,
  /** Plain text; blank lines separate paragraphs. Never read as HTML. */
  body: z.string().trim().min(1).max(5_000),
  /** Where the button leads, e.g. `appLink(PUBLIC_APP_URL, "study")`. */
  actionUrl: linkSchema,
  actionLabel: oneLine.default("Open Kai"),
  unsubscribe: z.object({
    /**
     * The one-click URI of the List-Unsubscribe header (RFC 8058), e.g.
     * `https://…/unsubscribe?token=<signUnsubscribeToken(…)>`. Mail providers POST
     * `List-Unsubscribe=One-Click` to it; a GET (link scanners prefetch) must not unsubscribe.
     */
    url: unsubscribeUrlSchema,
    /** An optional `mailto:` beside it in the header. */
    mailto: unsubscribeMailtoSchema.optional(),
    /**
     * Where the footer link leads a person: a page that confirms, then POSTs. Default: `url`
     * itself, whose GET must then show such a page.
     */
    pageUrl: linkSchema.optional(),
  }),
});

export type NotificationData = z.infer<typeof notificationData>;

const paragraphsOf = (body: string) =>
  body
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);

/** A notification delivered by email (the EMAIL channel), with one-click unsubscribe. */
export function notification(data: NotificationData): RenderedMail {
  const paragraphs = paragraphsOf(data.body);
  const footerLink = data.unsubscribe.pageUrl ?? data.unsubscribe.url;
  const why = `You get this mail because ${kindLabel(data.kind)} by email are on in your Kai settings.`;
  return {
    subject: data.title,
    text: textBody([
      data.title,
      ...paragraphs,
      `${data.actionLabel}:`,
      data.actionUrl,
      `${why} To stop them:`,
      footerLink,
    ]),
    html: htmlDocument(
      data.title,
      html`<h1 style="font-size:20px;margin:0 0 16px">${data.title}</h1>
${paragraphs.map((paragraph) => html`<p>${lines(paragraph)}</p>`)}
${button(data.actionUrl, data.actionLabel)}
${linkFallback(data.actionUrl)}
<p style="color:#6b7280;font-size:13px">${why} <a href="${footerLink}" style="color:#6b7280">Unsubscribe</a></p>`,
    ),
    headers: unsubscribeHeaders(data.unsubscribe),
  };
}

/** A paragraph's own line breaks kept as `<br>`, each line escaped. */
function lines(paragraph: string) {
  return paragraph.split(/\r?\n/).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
}
