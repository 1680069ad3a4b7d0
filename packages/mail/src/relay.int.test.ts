import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@kai/db";
import {
  createTestDatabases,
  freePort,
  type SmtpServer,
  startSmtpServer,
  type TestDatabases,
  waitFor,
} from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueMail, type MailMessage } from "./enqueue.ts";
import { appLink } from "./link.ts";
import { type MailRelayOptions, startMailRelay } from "./relay.ts";
import { smtpTransport } from "./smtp-transport.ts";
import { mailOutbox } from "./tables.ts";
import { type LogSink, logSink } from "./testing/log-sink.ts";
import type { MailTransport } from "./transport.ts";

const schema = { mailOutbox };
const FROM = "Kai <no-reply@kai.local>";
const migrationsFolder = new URL("./testing/migrations", import.meta.url).pathname;

let databases: TestDatabases;
let database: Database<typeof schema>;
let cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  databases = await createTestDatabases(["mail"]);
  database = await openDatabase({
    url: databases.urls.mail,
    pgliteDir: "",
    migrationsFolder,
    schema,
  });
});

afterAll(async () => {
  await database?.close();
  await databases?.dispose();
});

beforeEach(async () => {
  await database.db.delete(mailOutbox);
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A relay on the test database (or another pool on it), stopped after the test. */
function relay(
  transport: MailTransport,
  options: Partial<MailRelayOptions<typeof schema>> = {},
): ReturnType<typeof startMailRelay> & LogSink {
  const sink = logSink();
  const started = startMailRelay({
    db: database.db,
    transport,
    log: sink.log,
    from: FROM,
    pollMs: 20,
    ...options,
  });
  cleanups.push(async () => {
    await started.stop();
    await transport.close();
  });
  return Object.assign(started, sink);
}

async function smtpServer(options?: Parameters<typeof startSmtpServer>[0]): Promise<SmtpServer> {
  const server = await startSmtpServer(options);
  cleanups.push(() => server.dispose());
  return server;
}

const resetMail = (to = "ada@example.com", token = randomUUID()): MailMessage => ({
  to,
  template: "reset-password",
  data: {
    name: "Ada",
    link: appLink("http://localhost:3000", "reset-password", token),
    expiresInMinutes: 60,
  },
});

const enqueueCommitted = (message: MailMessage) =>
  database.db.transaction(async (tx) => (await enqueueMail(tx, message)).id);

const rowOf = async (id: string) => {
  const [row] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row!;
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("the mail relay", () => {
  it("delivers a committed mail once, with text and HTML parts, and clears its bodies", async () => {
    const smtp = await smtpServer();
    const mails = relay(smtpTransport(smtp.url));
    const token = randomUUID();
    const id = await enqueueCommitted(resetMail("ada@example.com", token));
    mails.kick();

    const [mail] = await waitFor(() => (smtp.received.length > 0 ? smtp.received : undefined));
    await settle();
    expect(smtp.received).toHaveLength(1);
    const link = `http://localhost:3000/reset-password?token=${token}`;
    expect(mail).toMatchObject({
      envelope: { from: "no-reply@kai.local", to: ["ada@example.com"] },
      messageId: `<${id}@kai.local>`,
      to: ["ada@example.com"],
      subject: "Reset your Kai password",
    });
    expect(mail?.from).toMatch(/Kai.*<no-reply@kai\.local>/);
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`href="${link}"`);
    expect(mail?.raw).toMatch(/Content-Type: multipart\/alternative/);

    const row = await rowOf(id);
    expect(row).toMatchObject({ attempts: 1, lastError: null, text: null, html: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("sends nothing for a transaction that rolls back", async () => {
    const smtp = await smtpServer();
    relay(smtpTransport(smtp.url));
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMail(tx, resetMail("rolled-back@example.com"));
        throw new Error("the mutation failed");
      }),
    ).rejects.toThrow("the mutation failed");
    const marker = await enqueueCommitted(resetMail("marker@example.com"));

    await waitFor(() => (smtp.received.length > 0 ? true : undefined));
    await settle();
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([`<${marker}@kai.local>`]);
    expect(await database.db.select().from(mailOutbox)).toHaveLength(1);
  });

  it("retries with growing delays while SMTP is down, then delivers once", async () => {
    const smtp = await smtpServer();
    await smtp.stop();
    relay(smtpTransport(smtp.url), { retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 50 });
    const started = Date.now();
    const id = await enqueueCommitted(resetMail());

    const failing = await waitFor(async () => {
      const row = await rowOf(id);
      return row.attempts >= 3 ? row : undefined;
    });
    // Three failures with the first two delays (100 ms, 200 ms) between them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(failing.lastError).toMatch(/ECONNREFUSED/);
    expect(failing.sentAt).toBeNull();
    expect(failing.nextAttemptAt.getTime()).toBeGreaterThan(failing.createdAt.getTime());

    await smtp.restart();
    await waitFor(() => (smtp.received.length > 0 ? true : undefined));
    await settle();
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([`<${id}@kai.local>`]);
    const sent = await rowOf(id);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.lastError).toBeNull();
    expect(sent.attempts).toBeGreaterThanOrEqual(4);
  });

  it("gives up after its attempts: recorded on the row and logged as an error", async () => {
    const nobodyListens = `smtp://127.0.0.1:${await freePort()}`;
    const mails = relay(smtpTransport(nobodyListens), { retryBaseMs: 20, maxAttempts: 3 });
    const id = await enqueueCommitted(resetMail());

    const failed = await waitFor(async () => {
      const row = await rowOf(id);
      return row.failedAt ? row : undefined;
    });
    expect(failed).toMatchObject({ attempts: 3, sentAt: null, text: null, html: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    const givenUp = mails.lines.filter((line) => line.msg === "mail given up");
    expect(givenUp).toEqual([
      expect.objectContaining({ level: 50, mailId: id, attempts: 3, reason: failed.lastError }),
    ]);

    await settle();
    expect((await rowOf(id)).attempts).toBe(3);
  });

  it("gives up at once when the server refuses the recipient for good", async () => {
    const smtp = await smtpServer({
      rejectRecipient: (address) => (address.startsWith("nobody@") ? "no such user" : undefined),
    });
    relay(smtpTransport(smtp.url), { retryBaseMs: 20 });
    const id = await enqueueCommitted(resetMail("nobody@example.com"));

    const failed = await waitFor(async () => {
      const row = await rowOf(id);
      return row.failedAt ? row : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550.*no such user/);
    expect(smtp.received).toHaveLength(0);
  });

  it("resends a mail whose stamp was lost with the same Message-ID and Date", async () => {
    const smtp = await smtpServer();
    const smtpOut = smtpTransport(smtp.url);
    let lostStamps = 1;
    // Delivered, but the relay hears a failure: what a crash between send and commit leaves.
    const flaky: MailTransport = {
      description: "smtp that loses the first stamp",
      async send(mail) {
        await smtpOut.send(mail);
        if (lostStamps-- > 0) throw new Error("the process died before the commit");
      },
      close: () => smtpOut.close(),
    };
    relay(flaky, { retryBaseMs: 20 });
    const id = await enqueueCommitted(resetMail());

    await waitFor(() => (smtp.received.length === 2 ? true : undefined));
    const [first, second] = smtp.received;
    expect(second?.messageId).toBe(`<${id}@kai.local>`);
    expect(second?.messageId).toBe(first?.messageId);
    expect(second?.date).toEqual(first?.date);
  });

  it("shares the work between two relays on one database: each mail goes out once", async () => {
    const smtp = await smtpServer();
    const replica = await openDatabase({
      url: databases.urls.mail,
      pgliteDir: "",
      migrationsFolder,
      schema,
    });
    cleanups.push(() => replica.close());
    const ids = await database.db.transaction(async (tx) => {
      const enqueued: string[] = [];
      for (let i = 0; i < 20; i++) {
        enqueued.push((await enqueueMail(tx, resetMail(`user${i}@example.com`))).id);
      }
      return enqueued;
    });

    const a = relay(smtpTransport(smtp.url));
    const b = relay(smtpTransport(smtp.url), { db: replica.db });
    await waitFor(() => (smtp.received.length >= ids.length ? true : undefined));
    await settle();

    expect(smtp.received.map((mail) => mail.messageId).sort()).toEqual(
      ids.map((id) => `<${id}@kai.local>`).sort(),
    );
    const sentBy = (sink: LogSink) => sink.lines.filter((line) => line.msg === "mail sent").length;
    expect(sentBy(a) + sentBy(b)).toBe(ids.length);
  });
});
