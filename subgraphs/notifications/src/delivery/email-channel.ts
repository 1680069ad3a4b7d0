import type { Db } from "@kai/db";
import { appLink, enqueueMail, signUnsubscribeToken } from "@kai/mail";
import { eq } from "drizzle-orm";
import type { DeliveryOutcome } from "../db/deliveries.repo.ts";
import { recipients } from "../db/schema.ts";
import type { NotificationsSchema } from "../db/tables.ts";
import type { ChannelSender } from "./channel-sender.ts";

export interface EmailChannelOptions {
  /** The web app, where the mail's button leads. */
  appUrl: string;
  /** This service's one-click unsubscribe route (see routes/unsubscribe.ts). */
  unsubscribeUrl: string;
  /** The HMAC key unsubscribe tokens are signed with. */
  secret: string;
  /** Sends the mail outbox now rather than at the relay's next poll. */
  kick(): void;
}

/**
 * EMAIL: the notification as @kai/mail's `notification` template, written to the mail outbox
 * that this process's mail relay sends (and retries) over SMTP. Each mail carries a one-click
 * unsubscribe (RFC 8058) that turns EMAIL off for the notification's kind.
 */
export function emailChannel(
  db: Db<NotificationsSchema>,
  options: EmailChannelOptions,
): ChannelSender {
  return {
    async send({ delivery, notification }): Promise<DeliveryOutcome> {
      const [recipient] = await db
        .select({ email: recipients.email })
        .from(recipients)
        .where(eq(recipients.userId, delivery.userId));
      if (!recipient?.email) return { status: "SKIPPED", reason: "no email address known" };
      const url = new URL(options.unsubscribeUrl);
      url.searchParams.set(
        "token",
        signUnsubscribeToken({ userId: delivery.userId, kind: notification.kind }, options.secret),
      );
      try {
        await db.transaction((tx) =>
          enqueueMail(tx, {
            to: recipient.email,
            template: "notification",
            data: {
              kind: notification.kind,
              title: notification.title,
              body: notification.body,
              actionUrl: appLink(options.appUrl, "notifications"),
              unsubscribe: { url: url.href },
            },
          }),
        );
      } catch (error) {
        // A mail that does not validate (an address, an http unsubscribe URL in production)
        // will not validate on a retry either.
        return { status: "FAILED", reason: error instanceof Error ? error.message : String(error) };
      }
      options.kick();
      return { status: "SENT" };
    },
  };
}
