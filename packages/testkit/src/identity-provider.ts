import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

/** The asymmetric algorithms the provider can sign with. */
export type IdentityProviderAlgorithm = "RS256" | "ES256" | "EdDSA";

export interface TestIdentityProviderOptions {
  /** The client the ID tokens are for by default (their `aud`). Default `kai-test-client`. */
  clientId?: string;
  /** What the provider signs with; RS256 is what Google and Apple use. Default RS256. */
  algorithm?: IdentityProviderAlgorithm;
  /** Listen here, e.g. where a client was configured before the provider was up. Default: a free port. */
  port?: number;
}

export interface IdTokenOptions {
  /**
   * `provider` signs with the key its JWKS publishes; `attacker` with a key it never
   * published, under the provider's current `kid`, as a forger would. Default `provider`.
   */
  signer?: "provider" | "attacker";
  /** Seconds from now until `exp`; negative for a token that has already expired. Default 600. */
  expiresIn?: number;
}

/** Claims of an ID token; `sub` is required, the rest default (see idToken). */
export type IdTokenClaims = JWTPayload & { sub: string };

export interface TestIdentityProvider {
  /** The issuer identifier (`iss`), and where `/.well-known/openid-configuration` is served. */
  issuer: string;
  /** The `jwks_uri` the discovery document names. */
  jwksUrl: string;
  /** The default audience of its tokens. */
  clientId: string;
  /**
   * Signs an ID token. `iss`, `aud` (the client id), `iat` and `exp` default; claims given
   * here override them, so a test can mint a token for another audience or issuer.
   */
  idToken(claims: IdTokenClaims, options?: IdTokenOptions): Promise<string>;
  /**
   * Replaces the signing key with a new one under a new `kid`, as providers rotate theirs;
   * the old key leaves the JWKS, so its tokens no longer verify once keys are refetched.
   */
  rotateKey(): Promise<void>;
  /** Requests served so far, per path: shows whether a client cached the keys. */
  requests: { discovery: number; jwks: number };
  dispose(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: Record<string, unknown>;
}

async function newKey(algorithm: IdentityProviderAlgorithm): Promise<SigningKey> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair(algorithm);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: "sig" };
  return { kid, privateKey, publicJwk };
}

/**
 * An OpenID Connect provider on a free port of 127.0.0.1, speaking the real protocol: a
 * discovery document at `/.well-known/openid-configuration` naming its `jwks_uri`, a JWKS,
 * and ID tokens signed with jose. Clients under test reach it the way they reach Google or
 * Apple, so discovery, key caching and rotation run for real. It serves no authorization
 * endpoint: tests mint the ID tokens a sign-in would have produced.
 */
export async function startTestIdentityProvider(
  options: TestIdentityProviderOptions = {},
): Promise<TestIdentityProvider> {
  const algorithm = options.algorithm ?? "RS256";
  const clientId = options.clientId ?? "kai-test-client";
  let current = await newKey(algorithm);
  const attacker = await newKey(algorithm);
  const requests = { discovery: 0, jwks: 0 };

  let issuer = "";
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/openid-configuration") {
      requests.discovery++;
      return send(200, discoveryDocument(issuer, algorithm));
    }
    if (req.url === "/jwks") {
      requests.jwks++;
      return send(200, { keys: [current.publicJwk] });
    }
    send(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    requests,
    idToken(claims, tokenOptions = {}) {
      const key = tokenOptions.signer === "attacker" ? attacker.privateKey : current.privateKey;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: issuer,
        aud: clientId,
        iat: now,
        exp: now + (tokenOptions.expiresIn ?? 600),
        ...claims,
      })
        .setProtectedHeader({ alg: algorithm, kid: current.kid, typ: "JWT" })
        .sign(key);
    },
    async rotateKey() {
      current = await newKey(algorithm);
    },
    dispose: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The metadata OpenID Connect Discovery 1.0 requires, and nothing that would not work here. */
function discoveryDocument(issuer: string, algorithm: IdentityProviderAlgorithm) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [algorithm],
  };
}
