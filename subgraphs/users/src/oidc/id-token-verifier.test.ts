import { freePort, startTestIdentityProvider, type TestIdentityProvider } from "@kai/testkit";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderUnavailable } from "./discovery.ts";
import { IdTokenRejected } from "./id-token-rejected.ts";
import { createIdTokenVerifier, type IdTokenVerifier } from "./id-token-verifier.ts";

let idp: TestIdentityProvider;
let verifier: IdTokenVerifier;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  verifier = createIdTokenVerifier(
    { test: { issuer: idp.issuer, clientId: idp.clientId } },
    { jwksCooldownSeconds: 0 },
  );
});
afterAll(() => idp?.dispose());

/** The problem verify reports, or "accepted". */
async function outcome(token: string, nonce?: string): Promise<string> {
  try {
    await verifier.verify("test", token, nonce);
    return "accepted";
  } catch (error) {
    if (error instanceof IdTokenRejected) return error.problem;
    throw error;
  }
}

describe("an ID token", () => {
  it("of the provider, for Kai, verifies and says who signed in", async () => {
    const token = await idp.idToken({
      sub: "user-1",
      email: "Ada@Example.com",
      email_verified: true,
      name: "Ada Lovelace",
    });
    expect(await verifier.verify("test", token)).toEqual({
      subject: "user-1",
      email: "Ada@Example.com",
      emailVerified: true,
      name: "Ada Lovelace",
    });
  });

  it.each(["ES256", "EdDSA"] as const)("signed with %s verifies too", async (algorithm) => {
    const other = await startTestIdentityProvider({ algorithm });
    try {
      const own = createIdTokenVerifier({
        own: { issuer: other.issuer, clientId: other.clientId },
      });
      expect((await own.verify("own", await other.idToken({ sub: "s" }))).subject).toBe("s");
    } finally {
      await other.dispose();
    }
  });

  it.each([
    ["true", true],
    ["false", false],
    [false, false],
    [undefined, false],
    ["yes", false],
  ])("with email_verified %j counts as verified: %s", async (flag, verified) => {
    const token = await idp.idToken({
      sub: "user-2",
      email: "bo@example.com",
      email_verified: flag,
    });
    expect((await verifier.verify("test", token)).emailVerified).toBe(verified);
  });

  it.each([
    ["for another client", { aud: "another-client" }, "AUDIENCE"],
    [
      "for several audiences, issued to another client",
      { aud: ["kai-test-client", "x"], azp: "x" },
      "AUDIENCE",
    ],
    ["from another issuer", { iss: "https://evil.example.com" }, "ISSUER"],
    [
      "not valid before an hour from now",
      { nbf: Math.floor(Date.now() / 1000) + 3600 },
      "NOT_YET_VALID",
    ],
    ["without an iat", { iat: undefined }, "MALFORMED"],
  ])("%s is refused", async (_, claims, problem) => {
    expect(await outcome(await idp.idToken({ sub: "user-3", ...claims }))).toBe(problem);
  });

  it("expired beyond the clock tolerance is refused; within it, accepted", async () => {
    expect(await outcome(await idp.idToken({ sub: "u" }, { expiresIn: -120 }))).toBe("EXPIRED");
    expect(await outcome(await idp.idToken({ sub: "u" }, { expiresIn: -5 }))).toBe("accepted");
  });

  it("signed with a key the provider never published is refused", async () => {
    const forged = await idp.idToken({ sub: "user-1" }, { signer: "attacker" });
    expect(await outcome(forged)).toBe("SIGNATURE");
  });

  it("signed with a symmetric key (the client id as its secret) is refused", async () => {
    const forged = await new SignJWT({ sub: "user-1", iss: idp.issuer, aud: idp.clientId })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(idp.clientId));
    expect(await outcome(forged)).toBe("ALGORITHM");
  });

  it("that is no JWT at all is refused as malformed", async () => {
    expect(await outcome("not.a.jwt")).toBe("MALFORMED");
  });

  it("must carry the nonce the client passes; without one passed, any nonce goes", async () => {
    const token = await idp.idToken({ sub: "user-1", nonce: "n-1" });
    expect(await outcome(token, "n-1")).toBe("accepted");
    expect(await outcome(token, "n-2")).toBe("NONCE");
    expect(await outcome(token)).toBe("accepted");
    expect(await outcome(await idp.idToken({ sub: "user-1" }), "n-1")).toBe("NONCE");
  });
});

describe("the provider's keys", () => {
  it("are discovered once and cached, then refetched when the provider rotates its key", async () => {
    const own = await startTestIdentityProvider();
    try {
      const fresh = createIdTokenVerifier(
        { own: { issuer: own.issuer, clientId: own.clientId } },
        { jwksCooldownSeconds: 0 },
      );
      for (const sub of ["a", "b", "c"]) await fresh.verify("own", await own.idToken({ sub }));
      expect(own.requests).toEqual({ discovery: 1, jwks: 1 });

      const before = await own.idToken({ sub: "a" });
      await own.rotateKey();
      await fresh.verify("own", await own.idToken({ sub: "a" }));
      expect(own.requests.jwks).toBe(2);
      // The old key left the provider's JWKS with the refetch: its tokens no longer verify.
      await expect(fresh.verify("own", before)).rejects.toMatchObject({ problem: "SIGNATURE" });
    } finally {
      await own.dispose();
    }
  });

  it("come from jwksUrl without discovery when it is configured", async () => {
    const own = await startTestIdentityProvider();
    try {
      const direct = createIdTokenVerifier({
        own: { issuer: own.issuer, clientId: own.clientId, jwksUrl: own.jwksUrl },
      });
      await direct.verify("own", await own.idToken({ sub: "a" }));
      expect(own.requests).toEqual({ discovery: 0, jwks: 1 });
    } finally {
      await own.dispose();
    }
  });

  it("unreachable: the provider is reported unavailable, and discovery is retried later", async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const later = createIdTokenVerifier({ own: { issuer, clientId: "kai-test-client" } });
    const down = later.verify("own", "a.b.c");
    await expect(down).rejects.toBeInstanceOf(ProviderUnavailable);
    const own = await startTestIdentityProvider({ port });
    try {
      await later.verify("own", await own.idToken({ sub: "a" }));
      expect(own.requests.discovery).toBe(1);
    } finally {
      await own.dispose();
    }
  });

  it("of a discovery document naming another issuer are not trusted", async () => {
    const own = await startTestIdentityProvider();
    try {
      const mismatched = createIdTokenVerifier({
        // Discovery drops the trailing "/", and the document names the issuer without it.
        own: { issuer: `${own.issuer}/`, clientId: own.clientId },
      });
      const token = await own.idToken({ sub: "a", iss: `${own.issuer}/` });
      await expect(mismatched.verify("own", token)).rejects.toBeInstanceOf(ProviderUnavailable);
    } finally {
      await own.dispose();
    }
  });
});
