import { z } from "zod";
import { linkSchema } from "../link.ts";
import { formatDuration } from "./format.ts";
import { html } from "./html.ts";
import { button, htmlDocument, linkFallback, type RenderedMail, textBody } from "./layout.ts";

export const verifyEmailData = z.object({
  name: z.string(),
  /** `appLink(PUBLIC_APP_URL, "verify-email", token)` */
  link: linkSchema,
  expiresInMinutes: z.number().int().positive(),
});

export type VerifyEmailData = z.infer<typeof verifyEmailData>;

const SUBJECT = "Confirm your email address for Kai";

/** Sent by `requestEmailVerification` (and after sign-up): one link that proves the address. */
export function verifyEmail(data: VerifyEmailData): RenderedMail {
  const expires = formatDuration(data.expiresInMinutes);
  const ignore =
    "If you did not sign up for Kai, ignore this mail: nothing happens without the link.";
  return {
    subject: SUBJECT,
    text: textBody([
      `Hi ${data.name},`,
      "please confirm that this is your email address by opening this link:",
      data.link,
      `The link works once, for ${expires}.`,
      ignore,
    ]),
    html: htmlDocument(
      SUBJECT,
      html`<p>Hi ${data.name},</p>
<p>please confirm that this is your email address.</p>
${button(data.link, "Confirm email address")}
<p>The link works once, for ${expires}.</p>
<p>${ignore}</p>
${linkFallback(data.link)}`,
    ),
  };
}
