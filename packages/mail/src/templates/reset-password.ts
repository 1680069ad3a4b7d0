import { z } from "zod";
import { linkSchema } from "../link.ts";
import { formatDuration } from "./format.ts";
import { html } from "./html.ts";
import { button, htmlDocument, linkFallback, type RenderedMail, textBody } from "./layout.ts";

export const resetPasswordData = z.object({
  name: z.string(),
  /** `appLink(PUBLIC_APP_URL, "reset-password", token)` */
  link: linkSchema,
  expiresInMinutes: z.number().int().positive(),
});

export type ResetPasswordData = z.infer<typeof resetPasswordData>;

const SUBJECT = "Reset your Kai password";

/** Sent by `requestPasswordReset` for a known address (an unknown one gets no mail). */
export function resetPassword(data: ResetPasswordData): RenderedMail {
  const expires = formatDuration(data.expiresInMinutes);
  const signOut = "Setting a new password signs you out on every device.";
  const ignore = "If you did not ask for this, ignore this mail: your password stays as it is.";
  return {
    subject: SUBJECT,
    text: textBody([
      `Hi ${data.name},`,
      "someone (hopefully you) asked to reset your Kai password. Choose a new one here:",
      data.link,
      `The link works once, for ${expires}. ${signOut}`,
      ignore,
    ]),
    html: htmlDocument(
      SUBJECT,
      html`<p>Hi ${data.name},</p>
<p>someone (hopefully you) asked to reset your Kai password.</p>
${button(data.link, "Choose a new password")}
<p>The link works once, for ${expires}. ${signOut}</p>
<p>${ignore}</p>
${linkFallback(data.link)}`,
    ),
  };
}
