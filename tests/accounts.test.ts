import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { graphqlFailure } from "@kai/runtime/testing";
import { type SmtpServer, startSmtpServer, waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./support/stack.ts";

const APP_URL = "https://app.kai.test";
const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a much better passphrase";
const PHONE = "KaiPhone/2.0 (iOS 18)";
const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

let smtp: SmtpServer;
let stack: Stack;

beforeAll(async () => {
  smtp = await startSmtpServer();
  stack = await startStack({
    env: { SMTP_URL: smtp.url, PUBLIC_APP_URL: APP_URL, ACCOUNT_MAIL_REQUESTS_PER_CLIENT: "3" },
  });
});

afterAll(async () => {
  await stack?.stop();
  await smtp?.dispose();
});

interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}
const TOKENS = "accessToken refreshToken user { id }";

/** The gateway, as a client app sending this User-Agent and, when signed in, its token. */
const gateway = (userAgent: string, token?: string) => {
  const client = stack.client(token);
  client.setHeader("user-agent", userAgent);
  return client;
};

async function register(): Promise<Tokens & { email: string }> {
  const email = `ada-${randomUUID()}@example.com`;
  const { register } = await gateway(LAPTOP).request<{ register: Tokens }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { ${TOKENS} } }`,
    { input: { email, password: PASSWORD, name: "Ada" } },
  );
  return { ...register, email };
}

async function login(email: string, password: string, userAgent: string): Promise<Tokens> {
  const { login } = await gateway(userAgent).request<{ login: Tokens }>(
    `mutation ($input: LoginInput!) { login(input: $input) { ${TOKENS} } }`,
    { input: { email, password } },
  );
  return login;
}

const refresh = (token: string) =>
  gateway(PHONE).request<{ refreshToken: Tokens }>(
    `mutation ($token: String!) { refreshToken(token: $token) { ${TOKENS} } }`,
    { token },
  );

/** The token of the newest `${APP_URL}/<path>` link mailed to `to`, once it has arrived. */
async function mailedToken(to: string, path: string, after = 0): Promise<string> {
  const mail = await waitFor(
    () => smtp.received.filter((received) => received.to.includes(to))[after],
    { what: `mail ${after + 1} to ${to}` },
  );
  const link = new RegExp(`${APP_URL}/${path}\\?token=([\\w-]+)`).exec(mail.text ?? "");
  if (!link?.[1]) throw new Error(`no ${path} link in: ${mail.text}`);
  return link[1];
}

interface SessionView {
  id: string;
  userAgent: string | null;
  current: boolean;
}

async function sessionsOf(accessToken: string): Promise<SessionView[]> {
  const { me } = await gateway(LAPTOP, accessToken).request<{ me: { sessions: SessionView[] } }>(
    "{ me { sessions { id userAgent current } } }",
  );
  return me.sessions;
}

/** POSTs a GraphQL request to the gateway from a given loopback address (127.0.0.0/8). */
function postFrom(
  localAddress: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }> {
  const url = new URL(stack.gateway.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

describe("accounts through the gateway", () => {
  it("verifies an email with the mailed link, the link opened signed out", async () => {
    const ada = await register();
    const ask = await gateway(LAPTOP, ada.accessToken).request<{
      requestEmailVerification: boolean;
    }>("mutation { requestEmailVerification }");
    expect(ask.requestEmailVerification).toBe(true);
    const token = await mailedToken(ada.email, "verify-email");

    const { verifyEmail } = await gateway(PHONE).request<{
      verifyEmail: { id: string; emailVerified: boolean };
    }>("mutation ($token: String!) { verifyEmail(token: $token) { id emailVerified } }", {
      token,
    });
    expect(verifyEmail).toEqual({ id: ada.user.id, emailVerified: true });
    const again = await graphqlFailure(
      gateway(PHONE).request("mutation ($t: String!) { verifyEmail(token: $t) { id } }", {
        t: token,
      }),
    );
    expect(again).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: "token" } });
  });

  it("resets a forgotten password: every old session ends, the new one works, the owner is told", async () => {
    const ada = await register();
    const phone = await login(ada.email, PASSWORD, PHONE);
    const asked = await gateway(PHONE).request<{ requestPasswordReset: boolean }>(
      "mutation ($email: String!) { requestPasswordReset(email: $email) }",
      { email: ada.email },
    );
    expect(asked.requestPasswordReset).toBe(true);
    const token = await mailedToken(ada.email, "reset-password");

    const { resetPassword } = await gateway(PHONE).request<{ resetPassword: Tokens }>(
      `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { ${TOKENS} } }`,
      { input: { token, newPassword: NEW_PASSWORD } },
    );
    for (const old of [ada.refreshToken, phone.refreshToken]) {
      expect((await graphqlFailure(refresh(old))).code).toBe("UNAUTHENTICATED");
    }
    expect((await refresh(resetPassword.refreshToken)).refreshToken.user.id).toBe(ada.user.id);
    const me = (token: string) => gateway(PHONE, token).request("{ me { id } }");
    await waitFor(async () =>
      (await graphqlFailure(me(phone.accessToken))).code === "UNAUTHENTICATED" ? true : undefined,
    );
    await expect(me(resetPassword.accessToken)).resolves.toEqual({ me: { id: ada.user.id } });
    expect((await login(ada.email, NEW_PASSWORD, LAPTOP)).user.id).toBe(ada.user.id);
    const changed = await waitFor(() =>
      smtp.received.find(
        (mail) => mail.to.includes(ada.email) && /password was changed/i.test(mail.subject ?? ""),
      ),
    );
    expect(changed.text).toContain(`${APP_URL}/forgot-password`);
  });

  it("lists sessions with the user agent the gateway forwards, and revokes one at once", async () => {
    const ada = await register();
    const phone = await login(ada.email, PASSWORD, PHONE);
    const sessions = await sessionsOf(phone.accessToken);
    expect(sessions.map(({ userAgent, current }) => ({ userAgent, current }))).toEqual([
      { userAgent: PHONE, current: true },
      { userAgent: LAPTOP, current: false },
    ]);

    const laptop = sessions.find((session) => session.userAgent === LAPTOP);
    const { revokeSession } = await gateway(PHONE, phone.accessToken).request<{
      revokeSession: boolean;
    }>("mutation ($id: ID!) { revokeSession(id: $id) }", { id: laptop?.id });
    expect(revokeSession).toBe(true);
    expect((await graphqlFailure(refresh(ada.refreshToken))).code).toBe("UNAUTHENTICATED");
    expect((await sessionsOf(phone.accessToken)).map((session) => session.userAgent)).toEqual([
      PHONE,
    ]);
  });

  it("changes a password, keeping the session that changed it and ending the others", async () => {
    const ada = await register();
    const phone = await login(ada.email, PASSWORD, PHONE);
    const { changePassword } = await gateway(LAPTOP, ada.accessToken).request<{
      changePassword: boolean;
    }>("mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }", {
      input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changePassword).toBe(true);
    expect((await graphqlFailure(refresh(phone.refreshToken))).code).toBe("UNAUTHENTICATED");
    expect((await refresh(ada.refreshToken)).refreshToken.user.id).toBe(ada.user.id);
  });

  it("refuses weak and too-long passwords with BAD_USER_INPUT naming the field", async () => {
    const registerWith = (password: string) =>
      graphqlFailure(
        gateway(LAPTOP).request(
          "mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }",
          { input: { email: `weak-${randomUUID()}@example.com`, password, name: "Weak" } },
        ),
      );
    for (const password of ["password123", "short", "x1".repeat(65)]) {
      expect(await registerWith(password)).toMatchObject({
        code: "BAD_USER_INPUT",
        extensions: { field: "password" },
      });
    }
  });

  it("limits reset asks per client by the address the gateway saw, not one the client claims", async () => {
    const ask = (from: string, headers: Record<string, string> = {}) =>
      postFrom(
        from,
        {
          query: "mutation ($email: String!) { requestPasswordReset(email: $email) }",
          variables: { email: `nobody-${randomUUID()}@example.com` },
        },
        headers,
      );
    for (let i = 0; i < 3; i++) {
      expect(await ask("127.0.0.2", { "x-forwarded-for": `203.0.113.${i}` })).toEqual({
        data: { requestPasswordReset: true },
      });
    }
    const limited = await ask("127.0.0.2", { "x-forwarded-for": "198.51.100.1" });
    expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(await ask("127.0.0.3")).toEqual({ data: { requestPasswordReset: true } });
  });
});
