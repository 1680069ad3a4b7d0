import type { Db } from "@kai/db";
import { createMailTransport, startMailRelay } from "@kai/mail";
import type { connectRedis } from "@kai/redis";
import type { Logger } from "@kai/service";
import type { UsersSchema } from "../db/tables.ts";
import type { UsersEnv } from "../env.ts";
import { type AccountMailLimits, createAccountMailLimits } from "./mail-limits.ts";

/** What the account resolvers need of mail: its limits, and a nudge once a mail is committed. */
export interface AccountMail {
  limits: AccountMailLimits;
  /** Sends the outbox now rather than at the relay's next poll; call after the commit. */
  kick(): void;
}

export interface RunningAccountMail extends AccountMail {
  /** Finishes the mail in flight, then closes the transport. */
  close(): Promise<void>;
}

/**
 * The users process's mail: a relay sending `mail_outbox` over SMTP (SMTP_URL) or, in
 * development without it, into the dev mailbox that `pnpm mailbox` reads.
 */
export function startAccountMail(
  env: UsersEnv,
  deps: { db: Db<UsersSchema>; log: Logger; redis: ReturnType<typeof connectRedis> },
): RunningAccountMail {
  const transport = createMailTransport(env);
  const relay = startMailRelay({ db: deps.db, transport, log: deps.log, from: env.MAIL_FROM });
  return {
    limits: createAccountMailLimits(deps.redis, deps.log, env),
    kick: () => relay.kick(),
    async close() {
      await relay.stop();
      await transport.close();
    },
  };
}
