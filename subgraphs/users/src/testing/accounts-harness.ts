import { type ReceivedMail, type SmtpServer, startSmtpServer, waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { GraphQLClient } from "graphql-request";
import { accountTokens, mailOutbox, refreshTokens, sessions, users } from "../db/schema.ts";
import { type AuthPayload, startUsersHarness, type UsersHarness } from "./users-harness.ts";

export const APP_URL = "https://app.kai.test";

/** What a test compares before and after a refused mutation to show nothing was written. */
export interface AccountState {
  user: unknown;
  sessions: unknown[];
  refreshTokens: unknown[];
  accountTokens: unknown[];
  mails: unknown[];
}

export interface AccountsHarness extends UsersHarness {
  /** The real SMTP server users sends to (SMTP_URL). */
  smtp: SmtpServer;
  /** The first mail to `to` whose subject matches, once it has arrived. */
  mailTo(to: string, subject: RegExp): Promise<ReceivedMail>;
  /** Every mail to `to` received so far. */
  mailsTo(to: string): ReceivedMail[];
  /** The token of the `${APP_URL}/<path>?token=…` link in a mail's text. */
  tokenIn(mail: ReceivedMail, path: string): string;
  /** A client sending these headers (e.g. user-agent, x-forwarded-for) and the token, if any. */
  clientWith(headers: Record<string, string>, token?: string): GraphQLClient;
  /** Every row the account's flows touch, for before/after comparisons. */
  stateOf(userId: string, email: string): Promise<AccountState>;
  /** Registers and asks for a reset link, returning the link's token. */
  resetTokenFor(email: string): Promise<string>;
  resetPassword(token: string, newPassword: string): Promise<AuthPayload>;
}

const PAYLOAD = "accessToken refreshToken expiresIn user { id email name }";

/**
 * The users harness (see startUsersHarness) sending its mail to a real SMTP server in this
 * process, with links to APP_URL. Mail goes out through the outbox and relay as in production.
 */
export async function startAccountsHarness(
  env: Record<string, string> = {},
): Promise<AccountsHarness> {
  const smtp = await startSmtpServer();
  const harness = await startUsersHarness({
    SMTP_URL: smtp.url,
    PUBLIC_APP_URL: APP_URL,
    // Every test client comes from 127.0.0.1: only the test of that limit sets it low.
    ACCOUNT_MAIL_REQUESTS_PER_CLIENT: "1000",
    ...env,
  });
  const db = harness.subgraph.deps.db;
  const mailsTo = (to: string) => smtp.received.filter((mail) => mail.to.includes(to));
  const mailTo = (to: string, subject: RegExp) =>
    waitFor(() => mailsTo(to).find((mail) => subject.test(mail.subject ?? "")), {
      what: `a mail to ${to} about ${subject}`,
    });
  const tokenIn = (mail: ReceivedMail, path: string) => {
    const link = new RegExp(`${APP_URL}/${path}\\?token=([\\w-]+)`).exec(mail.text ?? "");
    if (!link?.[1]) throw new Error(`no ${path} link in: ${mail.text}`);
    return link[1];
  };
  const anonymous = harness.client();
  return {
    ...harness,
    smtp,
    mailTo,
    mailsTo,
    tokenIn,
    clientWith: (headers, token) =>
      new GraphQLClient(harness.subgraph.url, {
        headers: { ...headers, ...(token && { authorization: `Bearer ${token}` }) },
      }),
    async stateOf(userId, email) {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      return {
        user,
        sessions: await db.select().from(sessions).where(eq(sessions.userId, userId)),
        refreshTokens: await db
          .select()
          .from(refreshTokens)
          .where(eq(refreshTokens.userId, userId)),
        accountTokens: await db
          .select()
          .from(accountTokens)
          .where(eq(accountTokens.userId, userId)),
        mails: await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)),
      };
    },
    async resetTokenFor(email) {
      const before = mailsTo(email).length;
      await anonymous.request(
        "mutation ($email: String!) { requestPasswordReset(email: $email) }",
        {
          email,
        },
      );
      const mail = await waitFor(() => mailsTo(email)[before], {
        what: `a reset mail to ${email}`,
      });
      return tokenIn(mail, "reset-password");
    },
    async resetPassword(token, newPassword) {
      const { resetPassword } = await anonymous.request<{ resetPassword: AuthPayload }>(
        `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { ${PAYLOAD} } }`,
        { input: { token, newPassword } },
      );
      return resetPassword;
    },
    async dispose() {
      await harness.dispose();
      await smtp.dispose();
    },
  };
}
