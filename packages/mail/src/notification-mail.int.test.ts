import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@kai/db";
import {
  createTestDatabases,
  type SmtpServer,
  startSmtpServer,
  type TestDatabases,
  waitFor,
} from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMail } from "./enqueue.ts";
import { appLink } from "./link.ts";
import { type MailRelay, startMailRelay } from "./relay.ts";
import { smtpTransport } from "./smtp-transport.ts";
import { mailOutbox } from "./tables.ts";
import { logSink } from "./testing/log-sink.ts";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";

const schema = { mailOutbox };
const SECRET = "a-test-secret-of-at-least-32-characters";
const migrationsFolder = new URL("./testing/migrations", import.meta.url).pathname;

let databases: TestDatabases;
let database: Database<typeof schema>;
let smtp: SmtpServer;
let relay: MailRelay;

beforeAll(async () => {
  databases = await createTestDatabases(["mail"]);
  database = await openDatabase({
    url: databases.urls.mail,
    pgliteDir: "",
    migrationsFolder,
    schema,
  });
  smtp = await startSmtpServer();
  relay = startMailRelay({
    db: database.db,
    transport: smtpTransport(smtp.url),
    log: logSink().log,
    from: "Kai <no-reply@kai.local>",
    pollMs: 20,
  });
});

afterAll(async () => {
  await relay?.stop();
  await smtp?.dispose();
  await database?.close();
  await databases?.dispose();
});

/** The header section of a raw message, unfolded (RFC 5322 §2.2.3), as `[name, value]` pairs. */
function headerFields(raw: string): Array<[string, string]> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  return head
    .replace(/\r?\n(?=[ \t])/g, "")
    .split(/\r?\n/)
    .map((line): [string, string] => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
}

const valuesOf = (raw: string, name: string) =>
  headerFields(raw)
    .filter(([field]) => field.toLowerCase() === name.toLowerCase())
    .map(([, value]) => value);

describe("a notification mail over SMTP", () => {
  it("carries RFC 8058 one-click unsubscribe headers, an escaped body, and a token that verifies", async () => {
    const userId = randomUUID();
    const token = signUnsubscribeToken({ userId, kind: "STREAK_AT_RISK" }, SECRET);
    const unsubscribeUrl = appLink("https://api.kai.test", "unsubscribe", token);
    const id = await database.db.transaction(
      async (tx) =>
        (
          await enqueueMail(tx, {
            to: "ada@example.com",
            template: "notification",
            data: {
              kind: "STREAK_AT_RISK",
              title: "Your 5-day streak <ends> tonight",
              body: "One review keeps it going & growing.",
              actionUrl: "https://app.kai.test/study",
              unsubscribe: {
                url: unsubscribeUrl,
                mailto: `mailto:unsubscribe@kai.test?subject=${token}`,
              },
            },
          })
        ).id,
    );
    relay.kick();

    const mail = await waitFor(() =>
      smtp.received.find((m) => m.messageId === `<${id}@kai.local>`),
    );
    expect(valuesOf(mail.raw, "List-Unsubscribe")).toEqual([
      `<https://api.kai.test/unsubscribe?token=${token}>, <mailto:unsubscribe@kai.test?subject=${token}>`,
    ]);
    expect(valuesOf(mail.raw, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
    expect(mail.subject).toBe("Your 5-day streak <ends> tonight");
    expect(mail.html).toContain("Your 5-day streak &lt;ends&gt; tonight");
    expect(mail.html).toContain("One review keeps it going &amp; growing.");
    expect(mail.html).not.toContain("<ends>");
    expect(mail.text).toContain(unsubscribeUrl);

    // What the notifications route does with the token it is POSTed.
    const sent = new URL(
      /<(https:[^>]+)>/.exec(valuesOf(mail.raw, "List-Unsubscribe")[0] ?? "")?.[1] ?? "",
    );
    expect(verifyUnsubscribeToken(sent.searchParams.get("token") ?? "", SECRET)).toEqual({
      userId,
      kind: "STREAK_AT_RISK",
    });

    // The token is cleared from the outbox with the bodies once the mail is out.
    const row = await waitFor(async () => {
      const [found] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
      return found?.sentAt ? found : undefined;
    });
    expect(row).toMatchObject({ headers: null, text: null, html: null });
  });

  it("an account mail still goes out without extra headers", async () => {
    const id = await database.db.transaction(
      async (tx) =>
        (
          await enqueueMail(tx, {
            to: "bo@example.com",
            template: "reset-password",
            data: {
              name: "Bo",
              link: "https://app.kai.test/reset-password?token=t",
              expiresInMinutes: 60,
            },
          })
        ).id,
    );
    relay.kick();
    const mail = await waitFor(() =>
      smtp.received.find((m) => m.messageId === `<${id}@kai.local>`),
    );
    expect(valuesOf(mail.raw, "List-Unsubscribe")).toEqual([]);
    expect(valuesOf(mail.raw, "List-Unsubscribe-Post")).toEqual([]);
  });
});
