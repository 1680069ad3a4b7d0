import { rateLimited } from "@kai/errors";
import { type AttemptLimiter, type connectRedis, createAttemptLimiter } from "@kai/redis";
import type { Logger } from "@kai/service";
import type { UsersEnv } from "../env.ts";

/**
 * Bounds on mailed links: per address, so nobody floods one mailbox, and per client address
 * for password resets, which anyone may ask for any email.
 */
export interface AccountMailLimits {
  perAddress: AttemptLimiter;
  perClient: AttemptLimiter;
}

export function createAccountMailLimits(
  redis: ReturnType<typeof connectRedis>,
  log: Logger,
  env: UsersEnv,
): AccountMailLimits {
  const windowSeconds = env.ACCOUNT_MAIL_WINDOW_SECONDS;
  return {
    perAddress: createAttemptLimiter(redis, log, {
      name: "account-mail",
      limit: env.ACCOUNT_MAILS_PER_ADDRESS,
      windowSeconds,
    }),
    perClient: createAttemptLimiter(redis, log, {
      name: "account-mail-client",
      limit: env.ACCOUNT_MAIL_REQUESTS_PER_CLIENT,
      windowSeconds,
    }),
  };
}

/**
 * Counts one ask against each key given, or refuses it with RATE_LIMITED when a key has had
 * its share. Every ask counts, whether or not a mail goes out, so the answer to an unknown
 * email is the same as to a known one.
 */
export async function spendAccountMailAllowance(
  limits: AccountMailLimits,
  keys: { address: string; client?: string | undefined },
): Promise<void> {
  const checks: [AttemptLimiter, string][] = [[limits.perAddress, keys.address]];
  if (keys.client) checks.push([limits.perClient, keys.client]);
  const waits = await Promise.all(checks.map(([limiter, key]) => limiter.blockedFor(key)));
  const wait = Math.max(...waits);
  if (wait > 0) throw rateLimited(`Too many requests; try again in ${wait} seconds`, wait);
  await Promise.all(checks.map(([limiter, key]) => limiter.recordFailure(key)));
}
