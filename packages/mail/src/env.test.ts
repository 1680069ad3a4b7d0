import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMailTransport } from "./create-transport.ts";
import {
  mailEnv,
  requireSmtpInProduction,
  requireUnsubscribeSecretInProduction,
  unsubscribeEnv,
  unsubscribeSecret,
} from "./env.ts";

// How a service adds the mail settings to its own env.
const serviceEnv = z
  .object({ NODE_ENV: z.enum(["development", "production", "test"]).default("development") })
  .extend(mailEnv.shape)
  .superRefine(requireSmtpInProduction);

describe("the mail env", () => {
  it("has defaults for development, and treats an empty SMTP_URL as unset", () => {
    const env = serviceEnv.parse({ SMTP_URL: "" });
    expect(env).toEqual({
      NODE_ENV: "development",
      SMTP_URL: undefined,
      MAIL_FROM: "Kai <no-reply@kai.local>",
      MAIL_DIR: undefined,
      PUBLIC_APP_URL: "http://localhost:3000",
    });
  });

  it("refuses production without SMTP_URL, naming the variable", () => {
    const parsed = serviceEnv.safeParse({ NODE_ENV: "production" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["SMTP_URL"]);
    expect(
      serviceEnv.safeParse({ NODE_ENV: "production", SMTP_URL: "smtp://mail:25" }).success,
    ).toBe(true);
  });

  it.each([
    ["an SMTP_URL that is not smtp", { SMTP_URL: "http://mail:25" }],
    ["a MAIL_FROM without an address", { MAIL_FROM: "Kai" }],
    ["a PUBLIC_APP_URL that is not http(s)", { PUBLIC_APP_URL: "javascript:alert(1)" }],
  ])("refuses %s", (_case, source) => {
    expect(serviceEnv.safeParse(source).success).toBe(false);
  });

  it("the transport refuses production without SMTP_URL too", () => {
    expect(() =>
      createMailTransport({ NODE_ENV: "production", DATA_DIR: ".data", SMTP_URL: undefined }),
    ).toThrow(/SMTP_URL/);
  });
});

describe("the unsubscribe env", () => {
  const withSecret = z
    .object({ NODE_ENV: z.string().default("development") })
    .extend(unsubscribeEnv.shape)
    .superRefine(requireUnsubscribeSecretInProduction);
  const secret = "x".repeat(32);

  it("uses UNSUBSCRIBE_SECRET, or a development key outside production", () => {
    expect(unsubscribeSecret(withSecret.parse({ UNSUBSCRIBE_SECRET: secret }))).toBe(secret);
    expect(
      unsubscribeSecret(withSecret.parse({ UNSUBSCRIBE_SECRET: "" })).length,
    ).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ["production without a secret", { NODE_ENV: "production" }],
    ["a secret shorter than 32 characters", { UNSUBSCRIBE_SECRET: "short" }],
  ])("refuses %s", (_case, source) => {
    expect(withSecret.safeParse(source).success).toBe(false);
  });

  it("never hands out the development key in production", () => {
    expect(() => unsubscribeSecret({ NODE_ENV: "production" })).toThrow(/UNSUBSCRIBE_SECRET/);
  });
});
