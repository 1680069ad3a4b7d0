import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "@kai/db";
import { createLogger } from "@kai/logger";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailTransport } from "./create-transport.ts";
import { enqueueMail } from "./enqueue.ts";
import { appLink } from "./link.ts";
import { readMailbox } from "./mailbox.ts";
import { startMailRelay } from "./relay.ts";
import { mailOutbox } from "./tables.ts";

// The development path end to end: embedded PGlite, no SMTP_URL, mail in the dev mailbox.
const schema = { mailOutbox };
let dataDir: string;
let database: Database<typeof schema>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kai-mail-"));
  database = await openDatabase({
    url: undefined,
    pgliteDir: join(dataDir, "users"),
    migrationsFolder: new URL("./testing/migrations", import.meta.url).pathname,
    schema,
  });
});

afterAll(async () => {
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the dev mailbox", () => {
  it("without SMTP_URL, writes each mail as a readable .eml and a summary under DATA_DIR/mailbox", async () => {
    const transport = createMailTransport({
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      SMTP_URL: undefined,
      MAIL_DIR: undefined,
    });
    const relay = startMailRelay({
      db: database.db,
      transport,
      log: createLogger("mail-test", "silent"),
      from: "Kai <no-reply@kai.local>",
      pollMs: 20,
    });
    const link = appLink("http://localhost:3000", "verify-email", "tok-1");
    const { id } = await database.db.transaction((tx) =>
      enqueueMail(tx, {
        to: "ada@example.com",
        template: "verify-email",
        data: { name: "Ada <3", link, expiresInMinutes: 1440 },
      }),
    );
    relay.kick();

    const mailbox = join(dataDir, "mailbox");
    const [entry] = await waitFor(async () => {
      const entries = await readMailbox(mailbox);
      return entries.length > 0 ? entries : undefined;
    });
    await relay.stop();
    await transport.close();

    expect(entry).toMatchObject({
      id,
      messageId: `<${id}@kai.local>`,
      to: "ada@example.com",
      subject: "Confirm your email address for Kai",
      links: [link],
    });
    expect(entry?.emlPath.startsWith(mailbox)).toBe(true);
    const eml = await readFile(entry!.emlPath, "utf8");
    expect(eml).toMatch(/^Content-Type: text\/plain/m);
    expect(eml).toMatch(/^Content-Type: text\/html/m);
    expect(eml).toContain(`Message-ID: <${id}@kai.local>`);
    expect(eml).toContain("To: ada@example.com");
  });
});
