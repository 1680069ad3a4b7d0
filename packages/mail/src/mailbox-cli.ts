/**
 * `pnpm mailbox [count]`: the newest mails of the development mailbox (the mail that would
 * have gone out over SMTP without SMTP_URL), with their links, newest first.
 */
import { mailboxDir } from "./create-transport.ts";
import { readMailbox } from "./mailbox.ts";

const dir = mailboxDir({
  MAIL_DIR: process.env.MAIL_DIR || undefined,
  DATA_DIR: process.env.DATA_DIR || ".data",
});
const count = Number(process.argv[2] ?? 10);
const mails = await readMailbox(dir, Number.isInteger(count) && count > 0 ? count : 10);

if (mails.length === 0) {
  console.log(`No mail in ${dir} yet.`);
} else {
  for (const mail of mails) {
    console.log(`${mail.date}  to ${mail.to}\n  ${mail.subject}`);
    for (const link of mail.links) console.log(`  ${link}`);
    console.log(`  ${mail.emlPath}\n`);
  }
}
