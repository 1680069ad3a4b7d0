import { describe, expect, it } from "vitest";
import { z } from "zod";
import { oidcProvidersSetting, requireHttpsProvidersInProduction } from "./providers.ts";

const problems = (value: string | undefined) =>
  oidcProvidersSetting
    .safeParse(value)
    .error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];

describe("OIDC_PROVIDERS", () => {
  it.each([undefined, "", "  "])("%j configures no provider", (value) => {
    expect(oidcProvidersSetting.parse(value)).toEqual({});
  });

  it("reads providers, with or without a jwksUrl", () => {
    const google = { issuer: "https://accounts.google.com", clientId: "123.apps" };
    const apple = {
      issuer: "https://appleid.apple.com",
      clientId: "com.kai",
      jwksUrl: "https://appleid.apple.com/auth/keys",
    };
    expect(oidcProvidersSetting.parse(JSON.stringify({ google, apple }))).toEqual({
      google,
      apple,
    });
  });

  it.each([
    ["not JSON", "{google", [": must be a JSON object of providers"]],
    ["not an object", "[1]", [": Invalid input: expected record, received array"]],
    [
      "a provider without a client id, its issuer no URL",
      JSON.stringify({ google: { issuer: "accounts.google.com" } }),
      [
        "google.issuer: must be an http(s) URL",
        "google.clientId: Invalid input: expected string, received undefined",
      ],
    ],
    [
      "an unknown key and a name that is no plain word",
      JSON.stringify({ "My IdP": { issuer: "https://a.example", clientId: "c", secret: "s" } }),
      [
        'My IdP: Unrecognized key: "secret"',
        "My IdP: a provider name is 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit",
      ],
    ],
  ])("refuses %s, naming each problem", (_, value, expected) => {
    expect(problems(value)).toEqual(expected);
  });
});

describe("OIDC_PROVIDERS in production", () => {
  const settings = z
    .object({ NODE_ENV: z.string(), OIDC_PROVIDERS: oidcProvidersSetting })
    .superRefine(requireHttpsProvidersInProduction);
  const local = JSON.stringify({
    local: { issuer: "http://127.0.0.1:9000", clientId: "c", jwksUrl: "http://127.0.0.1:9000/k" },
  });

  it("refuses a plain-http issuer or JWKS URL, naming each", () => {
    const issues = settings.safeParse({ NODE_ENV: "production", OIDC_PROVIDERS: local }).error
      ?.issues;
    expect(issues?.map((issue) => issue.path.join("."))).toEqual([
      "OIDC_PROVIDERS.local.issuer",
      "OIDC_PROVIDERS.local.jwksUrl",
    ]);
  });

  it("allows them outside production, for a provider on the developer's machine", () => {
    expect(settings.safeParse({ NODE_ENV: "development", OIDC_PROVIDERS: local }).success).toBe(
      true,
    );
  });
});
