import type { DbOrTx } from "@kai/db";
import { appLink, enqueueMail } from "@kai/mail";
import type { UserRow } from "../db/schema.ts";
import { endSessions } from "../db/sessions.repo.ts";
import type { UsersSchema } from "../db/tables.ts";
import { ACCOUNT_LINK_PATHS } from "../domain/account-token.ts";
import type { UsersEnv } from "../env.ts";

/**
 * What follows a new password, in the caller's transaction: every session ends but the one
 * named (the caller's own, on a change; none on a reset), so whoever knew the old password
 * is out; and the owner is told by mail, in case it was not them.
 */
export async function afterPasswordChange(
  tx: DbOrTx<UsersSchema>,
  env: UsersEnv,
  user: UserRow,
  keepSessionId: string | undefined,
): Promise<void> {
  await endSessions(tx, user.id, keepSessionId ? { except: keepSessionId } : "all");
  await enqueueMail(tx, {
    to: user.email,
    template: "password-changed",
    data: {
      name: user.name,
      changedAt: new Date(),
      timeZone: user.timezone,
      resetLink: appLink(env.PUBLIC_APP_URL, ACCOUNT_LINK_PATHS.FORGOT_PASSWORD),
    },
  });
}
