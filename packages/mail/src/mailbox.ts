import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { type MailTransport, toNodemailer } from "./transport.ts";

/**
 * What the dev mailbox keeps beside each `.eml` file: enough to list the mails and follow
 * their links without a mail client (`pnpm mailbox`).
 */
export interface MailboxEntry {
  id: string;
  messageId: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Every http(s) link in the text body, in order. */
  links: string[];
  /** The full message (text and HTML parts), openable in any mail client. */
  emlPath: string;
}

const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * The development stand-in for SMTP: each mail becomes `<date>-<id>.eml` (the exact MIME
 * message SMTP would carry) and `<date>-<id>.json` (a summary) under `dir`. Names sort by the
 * time the mail was enqueued, and a resend of the same mail overwrites its own files.
 */
export function mailboxTransport(dir: string): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `dev mailbox ${dir} (read it with: pnpm mailbox)`,
    async send(mail) {
      const { message } = await composer.sendMail(toNodemailer(mail));
      // `buffer: true` makes it a Buffer; the type also allows the stream of the other mode.
      if (!Buffer.isBuffer(message)) throw new Error("the mail composer returned a stream");
      const base = join(dir, `${mail.date.toISOString().replaceAll(":", "-")}-${mail.id}`);
      const entry: MailboxEntry = {
        id: mail.id,
        messageId: mail.messageId,
        date: mail.date.toISOString(),
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        links: mail.text.match(LINK) ?? [],
        emlPath: `${base}.eml`,
      };
      await mkdir(dir, { recursive: true });
      // The summary goes last: a listed mail always has its .eml complete beside it.
      await writeAtomically(`${base}.eml`, message);
      await writeAtomically(`${base}.json`, `${JSON.stringify(entry, null, 2)}\n`);
    },
    async close() {},
  };
}

/** The newest `limit` mails in the dev mailbox, newest first; none when it does not exist yet. */
export async function readMailbox(dir: string, limit = 10): Promise<MailboxEntry[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const newest = names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    newest.map(async (name) => JSON.parse(await readFile(join(dir, name), "utf8")) as MailboxEntry),
  );
}

/** Readers never see half a file: write beside it, then rename over it. */
async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
