import { isTimeZone } from "@kai/time";
import { z } from "zod";
import { linkSchema } from "../link.ts";
import { formatMoment } from "./format.ts";
import { html } from "./html.ts";
import { htmlDocument, type RenderedMail, textBody } from "./layout.ts";

export const passwordChangedData = z.object({
  name: z.string(),
  changedAt: z.date(),
  /** The user's IANA time zone, so the time reads like their clock. Default UTC. */
  timeZone: z.string().refine(isTimeZone, "unknown time zone").default("UTC"),
  /** Where to start a reset if the change was not theirs: `appLink(PUBLIC_APP_URL, "forgot-password")`. */
  resetLink: linkSchema,
});

export type PasswordChangedData = z.infer<typeof passwordChangedData>;

const SUBJECT = "Your Kai password was changed";

/** Sent after `changePassword` and `resetPassword`: the owner hears of it even if it was not them. */
export function passwordChanged(data: PasswordChangedData): RenderedMail {
  const when = formatMoment(data.changedAt, data.timeZone);
  const notYou = "If this was not you, reset your password now and check your sessions:";
  return {
    subject: SUBJECT,
    text: textBody([
      `Hi ${data.name},`,
      `the password of your Kai account was changed on ${when}.`,
      notYou,
      data.resetLink,
    ]),
    html: htmlDocument(
      SUBJECT,
      html`<p>Hi ${data.name},</p>
<p>the password of your Kai account was changed on ${when}.</p>
<p>${notYou}<br><a href="${data.resetLink}">${data.resetLink}</a></p>`,
    ),
  };
}
