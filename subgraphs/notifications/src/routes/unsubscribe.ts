import type { Db } from "@kai/db";
import { verifyUnsubscribeToken } from "@kai/mail";
import type express from "express";
import { updatePreferences } from "../db/preferences.repo.ts";
import type { NotificationsSchema } from "../db/tables.ts";

/**
 * RFC 8058 one-click unsubscribe. A POST to `/unsubscribe?token=…` (mail providers send
 * `List-Unsubscribe=One-Click`, with no cookies) turns EMAIL off for the token's user and
 * kind. A GET only shows a button that POSTs: link scanners prefetch GETs, and must not
 * unsubscribe anyone. The token is all the authority needed; it names one user and kind.
 */
export function unsubscribeRoutes(
  app: express.Express,
  db: Db<NotificationsSchema>,
  secret: string,
): void {
  app.get("/unsubscribe", (request, response) => {
    const token = typeof request.query.token === "string" ? request.query.token : "";
    if (!verifyUnsubscribeToken(token, secret)) {
      response.status(400).type("text/plain").send("This unsubscribe link is not valid.");
      return;
    }
    const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
    response
      .type("text/html")
      .send(
        `<!doctype html><meta charset="utf-8"><title>Unsubscribe</title><form method="post" action="${action}"><p>Stop these emails from Kai?</p><button type="submit">Unsubscribe</button></form>`,
      );
  });
  app.post("/unsubscribe", async (request, response) => {
    const token = typeof request.query.token === "string" ? request.query.token : "";
    const claim = verifyUnsubscribeToken(token, secret);
    if (!claim) {
      response.status(400).type("text/plain").send("This unsubscribe link is not valid.");
      return;
    }
    await db.transaction((tx) =>
      updatePreferences(tx, claim.userId, {
        switches: [{ kind: claim.kind, channel: "EMAIL", enabled: false }],
      }),
    );
    response.type("text/plain").send("You are unsubscribed from these emails.");
  });
}
