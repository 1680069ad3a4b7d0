import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export interface TestIssuer {
  /** Where a subgraph under test fetches the keys (its JWKS_URL). */
  jwksUrl: string;
  /** A valid access token for the user; `expiresIn` in seconds (default 900). */
  token(
    userId: string,
    options?: { role?: "USER" | "ANALYST" | "ADMIN"; expiresIn?: number },
  ): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Stands in for the users subgraph's token issuing, so one subgraph can be tested alone
 * with real signed tokens and a real JWKS endpoint.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" };
  const server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    token: (userId, options = {}) =>
      new SignJWT({ role: options.role ?? "USER" })
        .setProtectedHeader({ alg: "EdDSA", kid })
        .setSubject(userId)
        .setIssuer("kai-users")
        .setAudience("kai")
        .setIssuedAt()
        .setExpirationTime(`${options.expiresIn ?? 900}s`)
        .sign(privateKey),
    dispose: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
