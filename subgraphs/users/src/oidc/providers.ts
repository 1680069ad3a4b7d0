import { z } from "zod";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/** One OpenID Connect provider Kai accepts ID tokens from. */
const provider = z
  .object({
    /**
     * The issuer identifier, exactly as the provider writes it in `iss` (e.g.
     * `https://accounts.google.com`); discovery starts at `<issuer>/.well-known/openid-configuration`.
     */
    issuer: httpUrl,
    /** Kai's client id at the provider: the only audience accepted. */
    clientId: z.string().trim().min(1, "must not be empty"),
    /** The provider's JWKS, when discovery should be skipped (a provider without it). */
    jwksUrl: httpUrl.optional(),
  })
  .strict();

export type OidcProvider = z.infer<typeof provider>;
export type OidcProviders = Readonly<Record<string, OidcProvider>>;

/** Names appear in the API (`provider: "google"`), so they stay plain. */
const PROVIDER_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/**
 * `OIDC_PROVIDERS`: JSON `{ "<name>": { "issuer", "clientId", "jwksUrl"? } }`. Unset or empty
 * means no providers (loginWithIdToken refuses every name). Each problem is reported with its
 * path, e.g. `OIDC_PROVIDERS.google.issuer: must be an http(s) URL`.
 */
export const oidcProvidersSetting = z
  .string()
  .optional()
  .transform((text, context): unknown => {
    if (!text?.trim()) return {};
    try {
      return JSON.parse(text);
    } catch {
      context.addIssue({ code: "custom", message: "must be a JSON object of providers" });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string(), provider))
  .superRefine((providers, context) => {
    for (const name of Object.keys(providers)) {
      if (PROVIDER_NAME.test(name)) continue;
      context.addIssue({
        code: "custom",
        path: [name],
        message: "a provider name is 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit",
      });
    }
  });

/**
 * A refinement for the users env: in production every issuer and JWKS URL is https, as
 * OpenID Connect requires, since keys fetched over plain http could be swapped on the way.
 * Development and tests may use a local provider on http.
 */
export function requireHttpsProvidersInProduction(
  env: { NODE_ENV: string; OIDC_PROVIDERS: OidcProviders },
  context: z.RefinementCtx,
): void {
  if (env.NODE_ENV !== "production") return;
  for (const [name, provider] of Object.entries(env.OIDC_PROVIDERS)) {
    for (const key of ["issuer", "jwksUrl"] as const) {
      if (provider[key]?.startsWith("http:")) {
        context.addIssue({
          code: "custom",
          path: ["OIDC_PROVIDERS", name, key],
          message: "must be https in production",
        });
      }
    }
  }
}
