import { readFile } from "node:fs/promises";
import { readMailbox } from "@kai/mail";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, mailOutbox } from "../db/schema.ts";
import {
  type NotificationsHarness,
  PREFERENCES,
  startNotificationsHarness,
} from "../testing/notifications-harness.ts";

let harness: NotificationsHarness;
beforeAll(async () => {
  harness = await startNotificationsHarness();
});
afterAll(() => harness?.dispose());

interface Settings {
  _entities: {
    notificationPreferences: { settings: { kind: string; channel: string; enabled: boolean }[] };
  }[];
}

describe("the EMAIL channel", () => {
  it("mails a streak warning with one-click unsubscribe, which a POST (not a GET) honours", async () => {
    const userId = await harness.newUser();
    const { db } = harness.subgraph.deps;
    const event = await harness.publish("progress.streak_at_risk", userId, {
      streak: 3,
      date: "2026-01-10",
      timezone: "UTC",
    });
    await harness.processed("notifications-streak-at-risk", event.id);
    const email = await waitFor(async () => {
      const [row] = await db
        .select()
        .from(deliveries)
        .where(eq(deliveries.userId, userId))
        .then((rows) => rows.filter((d) => d.channel === "EMAIL"));
      return row?.status === "SENT" ? row : undefined;
    });
    expect(email.attempts).toBe(1);
    const [outboxed] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, `${userId}@example.com`));
    expect(outboxed?.subject).toBe("Keep your 3-day streak");
    const mail = await waitFor(async () =>
      (await readMailbox(harness.mailDir)).find((m) => m.to.includes(userId)),
    );
    // Header fields may be folded over several lines.
    const eml = (await readFile(mail.emlPath, "utf8")).replace(/\r?\n[ \t]+/g, " ");
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const header = /^List-Unsubscribe: <([^>]+)>/m.exec(eml)?.[1];
    const token = header ? new URL(header).searchParams.get("token") : null;
    expect(token).toBeTruthy();

    const client = await harness.clientFor(userId);
    const emailOn = async () =>
      (
        await client.request<Settings>(PREFERENCES, { id: userId })
      )._entities[0]!.notificationPreferences.settings.find(
        (s) => s.kind === "STREAK_AT_RISK" && s.channel === "EMAIL",
      )?.enabled;
    expect(await emailOn()).toBe(true);
    const route = new URL(`/unsubscribe?token=${token}`, harness.subgraph.url);
    expect((await fetch(route)).status).toBe(200);
    expect(await emailOn()).toBe(true);
    const posted = await fetch(route, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(posted.status).toBe(200);
    expect(await emailOn()).toBe(false);
    const forged = new URL(`/unsubscribe?token=${token}x`, harness.subgraph.url);
    expect((await fetch(forged, { method: "POST" })).status).toBe(400);
  });
});
