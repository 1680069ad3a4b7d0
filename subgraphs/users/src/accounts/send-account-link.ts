import type { DbOrTx } from "@kai/db";
import { appLink, enqueueMail } from "@kai/mail";
import { type AccountTokenPurpose, replaceAccountToken } from "../db/account-tokens.repo.ts";
import type { UserRow } from "../db/schema.ts";
import type { UsersSchema } from "../db/tables.ts";
import {
  ACCOUNT_LINK_PATHS,
  ACCOUNT_TOKEN_TTL_MINUTES,
  hashAccountToken,
  newAccountToken,
} from "../domain/account-token.ts";
import type { UsersEnv } from "../env.ts";

const TEMPLATES = { VERIFY_EMAIL: "verify-email", RESET_PASSWORD: "reset-password" } as const;

/**
 * Mails the user a single-use link for `purpose`, in the caller's transaction: the token's
 * hash and the mail are written together, or neither is. The token itself exists only in the
 * mail; an earlier unused link of the same purpose stops working.
 */
export async function sendAccountLink(
  tx: DbOrTx<UsersSchema>,
  env: UsersEnv,
  user: UserRow,
  purpose: AccountTokenPurpose,
): Promise<void> {
  const token = newAccountToken();
  const expiresInMinutes = ACCOUNT_TOKEN_TTL_MINUTES[purpose];
  await replaceAccountToken(tx, {
    userId: user.id,
    purpose,
    tokenHash: hashAccountToken(token),
    expiresAt: new Date(Date.now() + expiresInMinutes * 60_000),
  });
  await enqueueMail(tx, {
    to: user.email,
    template: TEMPLATES[purpose],
    data: {
      name: user.name,
      link: appLink(env.PUBLIC_APP_URL, ACCOUNT_LINK_PATHS[purpose], token),
      expiresInMinutes,
    },
  });
}
