import type { Db } from "@kai/db";
import type { Logger } from "@kai/logger";
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import { fromAddress } from "./env.ts";
import { failureReason, isPermanentFailure, retryDelayMs } from "./retry.ts";
import { type MailOutboxRow, mailOutbox } from "./tables.ts";
import type { MailTransport, OutgoingMail } from "./transport.ts";

export interface MailRelayOptions<S extends Record<string, unknown> = Record<string, never>> {
  /** Any database whose schema includes `mailOutbox` (a service's own `Db<Schema>` as it is). */
  db: Db<S>;
  /** Where mail goes (`createMailTransport(env)`). The caller closes it after `stop`. */
  transport: MailTransport;
  log: Logger;
  /** The From of every mail (MAIL_FROM); its domain names the Message-IDs. */
  from: string;
  /** How often to look for mail nobody kicked the relay for (another replica, a restart, a retry falling due). Default 1 s. */
  pollMs?: number;
  /**
   * Attempts per mail before it is given up: marked failed with the last reason, logged as
   * an error. Default 10, which with the delays below spans about 40 minutes, about as long
   * as a reset link is worth waiting for.
   */
  maxAttempts?: number;
  /** Delay after the first failure; doubled after each further one. Default 10 s. */
  retryBaseMs?: number;
  /** Longest delay between two attempts. Default 10 min. */
  retryMaxMs?: number;
  /** How long sent and failed rows (bodies already cleared) are kept for inspection. Default 7 days. */
  retainMs?: number;
}

export interface MailRelay {
  /** Send now rather than at the next poll: call after committing a transaction that enqueued mail. */
  kick(): void;
  /** Finishes the mail in flight and stops. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** What a mail in a final state no longer keeps: its bodies and headers carry live tokens. */
const CLEARED = { text: null, html: null, headers: null } as const;

/**
 * Sends the mail outbox. Each mail is claimed in its own transaction with `FOR UPDATE SKIP
 * LOCKED`, so replicas share the work and none sends a mail another holds; it is sent, then
 * stamped `sent_at` in that transaction. A crash between send and commit resends it later
 * with the same Message-ID, so the receiving side can tell it is the same mail. A failure is
 * recorded on the row and retried after a doubling, capped delay, until `maxAttempts`.
 */
export function startMailRelay<S extends Record<string, unknown>>(
  options: MailRelayOptions<S>,
): MailRelay {
  const { db, transport, log } = options;
  const pollMs = options.pollMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const retryBaseMs = options.retryBaseMs ?? 10_000;
  const retryMaxMs = options.retryMaxMs ?? 10 * 60 * 1000;
  const retainMs = options.retainMs ?? 7 * 24 * 60 * 60 * 1000;
  const domain = fromAddress(options.from)?.split("@")[1];
  if (!domain) throw new Error(`MAIL_FROM has no address to name Message-IDs by: ${options.from}`);
  let running = true;
  let wake: (() => void) | undefined;
  let kicked = false;

  const outgoing = (row: MailOutboxRow): OutgoingMail => ({
    id: row.id,
    messageId: `<${row.id}@${domain}>`,
    from: options.from,
    to: row.to,
    subject: row.subject,
    text: row.text ?? "",
    html: row.html ?? "",
    date: row.createdAt,
    headers: row.headers ?? {},
  });

  /** Claims, sends and records one due mail; false when none is due. */
  async function deliverNext(): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(mailOutbox)
        .where(
          and(
            isNull(mailOutbox.sentAt),
            isNull(mailOutbox.failedAt),
            lte(mailOutbox.nextAttemptAt, sql`clock_timestamp()`),
          ),
        )
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return false;
      const attempts = row.attempts + 1;
      const fields = { mailId: row.id, template: row.template, attempts };
      const thisRow = eq(mailOutbox.id, row.id);
      try {
        await transport.send(outgoing(row));
      } catch (error) {
        const lastError = failureReason(error);
        if (attempts >= maxAttempts || isPermanentFailure(error)) {
          await tx
            .update(mailOutbox)
            .set({
              attempts,
              lastError,
              failedAt: sql`clock_timestamp()`,
              ...CLEARED,
            })
            .where(thisRow);
          log.error({ ...fields, reason: lastError }, "mail given up");
          return true;
        }
        const delayMs = retryDelayMs(attempts, retryBaseMs, retryMaxMs);
        await tx
          .update(mailOutbox)
          .set({
            attempts,
            lastError,
            nextAttemptAt: sql`clock_timestamp() + make_interval(secs => ${delayMs / 1000})`,
          })
          .where(thisRow);
        log.warn({ ...fields, reason: lastError, retryInMs: delayMs }, "mail not sent; will retry");
        return true;
      }
      await tx
        .update(mailOutbox)
        .set({
          attempts,
          lastError: null,
          sentAt: sql`clock_timestamp()`,
          ...CLEARED,
        })
        .where(thisRow);
      log.info(fields, "mail sent");
      return true;
    });
  }

  async function prune(): Promise<void> {
    const before = new Date(Date.now() - retainMs);
    await db
      .delete(mailOutbox)
      .where(or(lt(mailOutbox.sentAt, before), lt(mailOutbox.failedAt, before)));
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  log.info({ transport: transport.description }, "mail relay started");
  const loop = (async () => {
    let failures = 0;
    let prunedAt = 0;
    while (running) {
      kicked = false;
      try {
        // One mail per transaction, so a lock is held for one send, until none is due.
        while (running && (await deliverNext())) {}
        failures = 0;
        if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
          await prune();
          prunedAt = Date.now();
        }
        if (kicked) continue;
      } catch (error) {
        // The database, not the mail, failed: nothing was recorded, so back off and try again.
        failures++;
        log.warn({ err: error, failures }, "mail relay could not reach its outbox; will retry");
      }
      if (running) await sleep(failures > 0 ? Math.min(pollMs * 2 ** failures, 10_000) : pollMs);
    }
  })();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
