import type { MailHeaders } from "../tables.ts";
import { html, type SafeHtml } from "./html.ts";

/** What every template renders: the parts of one mail. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Header fields beyond the standard ones, e.g. List-Unsubscribe. */
  headers?: MailHeaders;
}

const SIGNATURE = "— Kai";

/**
 * The plain-text body: paragraphs separated by blank lines, then the signature. Links stand
 * on lines of their own so mail clients make them clickable and nothing wraps them.
 */
export function textBody(paragraphs: readonly string[]): string {
  return `${[...paragraphs, SIGNATURE].join("\n\n")}\n`;
}

/** A link styled as a button; mail clients ignore stylesheets, so the style is inline. */
export function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0"><a href="${href}" style="background:#4f46e5;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${label}</a></p>`;
}

/** The link again as text, for clients that block buttons or readers who copy it. */
export function linkFallback(href: string): SafeHtml {
  return html`<p style="color:#6b7280;font-size:13px">If the button does not work, open this link:<br><a href="${href}" style="color:#4f46e5;word-break:break-all">${href}</a></p>`;
}

/** The HTML document around a template's body: one narrow column, inline styles only. */
export function htmlDocument(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f9fafb;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#111827;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:32px;border-radius:8px">
${body}
<p style="color:#6b7280">${SIGNATURE}</p>
</div>
</body>
</html>
`.markup;
}
