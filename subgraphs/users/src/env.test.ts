import { describe, expect, it } from "vitest";
import { loadUsersEnv } from "./env.ts";

describe("users env: mail", () => {
  it("refuses production without SMTP_URL, naming it", () => {
    expect(() => loadUsersEnv({ NODE_ENV: "production" })).toThrow(
      /SMTP_URL: is required in production/,
    );
  });

  it("takes production with SMTP_URL, and development without (the dev mailbox)", () => {
    const production = loadUsersEnv({ NODE_ENV: "production", SMTP_URL: "smtp://mail:25" });
    expect(production.SMTP_URL).toBe("smtp://mail:25");
    const development = loadUsersEnv({ SMTP_URL: "" });
    expect(development).toMatchObject({
      SMTP_URL: undefined,
      MAIL_FROM: "Kai <no-reply@kai.local>",
      PUBLIC_APP_URL: "http://localhost:3000",
      ACCOUNT_MAILS_PER_ADDRESS: 5,
      ACCOUNT_MAIL_REQUESTS_PER_CLIENT: 20,
      ACCOUNT_MAIL_WINDOW_SECONDS: 3600,
    });
  });

  it("lists every mail setting problem at once", () => {
    const load = () =>
      loadUsersEnv({ SMTP_URL: "http://mail", MAIL_FROM: "nobody", PUBLIC_APP_URL: "ftp://x" });
    for (const name of ["SMTP_URL", "MAIL_FROM", "PUBLIC_APP_URL"]) {
      expect(load).toThrow(new RegExp(`\\b${name}: `));
    }
  });
});
